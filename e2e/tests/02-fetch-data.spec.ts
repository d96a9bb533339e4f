import { expect, test } from '@playwright/test';
import { findSpan, isAncestor, waitForTrace, type TraceSpan } from '../src/traces';
import { clickAction, openDemo } from './demo-page';

const isBrowserFetch = (span: TraceSpan) => span.service === 'frontend-web' && span.kind === 'SPAN_KIND_CLIENT';
const isServer = (service: string) => (span: TraceSpan) =>
  span.service === service && span.kind === 'SPAN_KIND_SERVER' && span.attributes['http.route'] === '/data';

test('"Fetch data" is one trace from the browser through node-api to the worker', async ({ page }) => {
  await openDemo(page);
  const traceId = await clickAction(page, 'fetch-data');
  await expect(page.getByTestId('result-fetch-data').getByTestId('status')).toContainText('200');

  const spans = await waitForTrace(
    traceId,
    (found) => found.some(isBrowserFetch) && found.some(isServer('node-api')) && found.some(isServer('worker')),
    'browser fetch span, node-api and worker server spans',
  );

  const browserFetch = findSpan(spans, isBrowserFetch, 'browser fetch span');
  const apiServer = findSpan(spans, isServer('node-api'), 'node-api server span for /data');
  const workerServer = findSpan(spans, isServer('worker'), 'worker server span for /data');

  expect(isAncestor(spans, browserFetch, apiServer), 'browser fetch span is an ancestor of node-api server span').toBe(true);
  expect(isAncestor(spans, apiServer, workerServer), 'node-api server span is an ancestor of the worker server span').toBe(true);
  const roots = spans.filter((span) => span.parentSpanId === '');
  expect(roots.map((span) => span.service), 'the browser span is the root').toEqual(['frontend-web']);

  for (const server of [apiServer, workerServer]) {
    expect(server.attributes['http.request.method']).toBe('GET');
    expect(server.attributes['http.response.status_code']).toBe(200);
    expect(server.statusCode).not.toBe('STATUS_CODE_ERROR');
  }
  expect(browserFetch.attributes['http.response.status_code'] ?? browserFetch.attributes['http.status_code']).toBe(200);
  // The worker's simulated database query is its own span, a child of the worker's server span.
  const query = findSpan(spans, (span) => span.service === 'worker' && span.attributes['db.system.name'] !== undefined, 'worker database span');
  expect(isAncestor(spans, workerServer, query)).toBe(true);
});
