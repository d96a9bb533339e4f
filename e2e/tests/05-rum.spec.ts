import { expect, test } from '@playwright/test';
import { watchBrowserTelemetry } from '../src/browser-otlp';
import { detectLogSource, findLogs } from '../src/logs';
import { clickAction, openDemo } from './demo-page';

test('web vitals and the browser error arrive with the session id', async ({ page }) => {
  const sent = watchBrowserTelemetry(page);
  await openDemo(page);
  await clickAction(page, 'browser-error');
  // Leaving the page finalises LCP, CLS and INP and makes the page flush its telemetry.
  await clickAction(page, 'fetch-data');
  await page.goto('about:blank');

  let sessionId = '';
  await expect
    .poll(() => (sessionId = String(sent.spans.find((span) => span.attributes['session.id'])?.attributes['session.id'] ?? '')), {
      message: 'browser spans carry session.id',
    })
    .not.toBe('');

  const source = await detectLogSource();
  const ofSession = (attributes: Record<string, unknown>) => attributes['session.id'] === sessionId;

  await expect
    .poll(
      async () => {
        const vitals = await findLogs(source, 'frontend-web', (r) => r.attributes['event.name'] === 'browser.web_vital' && ofSession(r.attributes));
        return [...new Set(vitals.filter((r) => typeof r.attributes['web_vital.value'] === 'number').map((r) => String(r.attributes['web_vital.name'])))].sort();
      },
      { timeout: 30_000, message: `web-vital records of session ${sessionId} in the ${source}` },
    )
    .toEqual(expect.arrayContaining(['FCP', 'LCP', 'TTFB']));

  await expect
    .poll(
      async () => {
        const errors = await findLogs(source, 'frontend-web', (r) => r.attributes['event.name'] === 'browser.exception' && ofSession(r.attributes));
        return errors.map((r) => r.severityNumber >= 17 && String(r.attributes['exception.message'] ?? '') !== '');
      },
      { timeout: 30_000, message: `the browser error of session ${sessionId} in the ${source}` },
    )
    .toContain(true);
});
