import { expect, test } from '@playwright/test';
import { watchBrowserTelemetry } from '../src/browser-otlp';
import { waitForTrace } from '../src/traces';
import { openDemo } from './demo-page';

test('page load: the document-load trace of frontend-web is in the trace store', async ({ page }) => {
  const sent = watchBrowserTelemetry(page);
  await openDemo(page);

  // The page does not show the id of its own load: learn it from what the browser sent.
  let traceId = '';
  await expect
    .poll(() => (traceId = sent.spans.find((span) => span.name === 'documentLoad')?.traceId ?? ''), {
      message: 'the browser exports a documentLoad span',
    })
    .toMatch(/^[0-9a-f]{32}$/);

  const spans = await waitForTrace(
    traceId,
    (found) => found.some((span) => span.name === 'documentLoad') && found.some((span) => span.name === 'documentFetch'),
    'documentLoad and documentFetch spans',
  );
  expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['frontend-web']));
  const documentLoad = spans.find((span) => span.name === 'documentLoad');
  expect(documentLoad?.parentSpanId, 'documentLoad is the root of the page-load trace').toBe('');
  expect(typeof documentLoad?.attributes['session.id']).toBe('string');
});
