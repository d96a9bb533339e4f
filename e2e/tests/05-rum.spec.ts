import { expect, test } from '@playwright/test';
import { watchBrowserTelemetry } from '../src/browser-otlp';
import type { LogRecord } from '@o11y-demo/telemetry-query';
import { backends } from '../src/backends';
import { clickAction, openDemo } from './demo-page';

test('web vitals and the browser error arrive with the session id', async ({ page }) => {
  // The test clicks two browser errors, the second after the first reached Prometheus,
  // so the collector's browser-error counter has a later sample too: a counter series'
  // first sample has no increase before it (prometheus/README.md), and the dashboard
  // check at the end reads increases. The counter's value cannot tell that the first
  // error arrived (a restarted stack on kept Prometheus data starts the same series
  // again from 1); its newest sample's time can, as the collector sends this delta
  // counter only when a browser error comes in.
  const { logStore, metricStore } = await backends();
  const startedAt = Date.now();
  const newestErrorSample = () => metricStore.queryTotal(`max(timestamp(rum_browser_errors_total))`);
  const before = await newestErrorSample();
  const isException = (log: { eventName: string }) => log.eventName === 'exception';
  const sent = watchBrowserTelemetry(page);
  await openDemo(page);
  // The first click also finalises LCP (web-vitals reports it on the first input).
  await clickAction(page, 'browser-error');
  await expect.poll(() => sent.logs.filter(isException).length, { message: 'the first browser error was sent' }).toBe(1);
  await expect.poll(newestErrorSample, { timeout: 30_000, message: 'Prometheus has a sample of the first browser error' }).toBeGreaterThan(before);
  await clickAction(page, 'browser-error');
  await expect.poll(() => sent.logs.filter(isException).length, { message: 'the second browser error was sent' }).toBe(2);
  await clickAction(page, 'fetch-data');

  // Both clicks' spans have been sent, and all of them carry the same session.id.
  const sessionIds = () => [...new Set(sent.spans.filter((span) => span.name !== 'documentLoad').map((span) => String(span.attributes['session.id'] ?? '')))];
  await expect
    .poll(() => sent.spans.filter((span) => span.attributes['http.url'] !== undefined || span.attributes['url.full'] !== undefined).length, {
      message: 'the browser sent its fetch span',
    })
    .toBeGreaterThan(0);
  expect(sessionIds()).toHaveLength(1);
  const sessionId = sessionIds()[0]!;
  expect(sessionId).toMatch(/\S{8,}/);

  const ofSession = (attributes: Record<string, unknown>) => attributes['session.id'] === sessionId;
  const browserRecords = async (predicate: (record: LogRecord) => boolean) =>
    (await logStore.findServiceLogs('frontend-web', { sinceUnixMs: startedAt - 60_000, limit: 1000 })).filter(predicate);

  await expect
    .poll(
      async () => {
        // Known by their conventional attributes: Quickwit does not keep the records' EventName field.
        const vitals = await browserRecords((r) => r.attributes['browser.web_vital.name'] !== undefined && ofSession(r.attributes));
        const measured = vitals.filter(
          (r) => Number.isFinite(Number(r.attributes['browser.web_vital.value'])) && r.attributes['browser.web_vital.value'] !== '' && r.attributes['browser.web_vital.id'] !== undefined,
        );
        return [...new Set(measured.map((r) => String(r.attributes['browser.web_vital.name'])))].sort();
      },
      { timeout: 30_000, message: `browser.web_vital events of session ${sessionId} in ${logStore.displayName}` },
    )
    .toEqual(expect.arrayContaining(['fcp', 'lcp', 'ttfb']));

  await expect
    .poll(
      async () => {
        const errors = await browserRecords((r) => r.attributes['exception.type'] !== undefined && ofSession(r.attributes));
        return errors.map((r) => r.severityNumber >= 17 && String(r.attributes['exception.message'] ?? '') !== '');
      },
      { timeout: 30_000, message: `the browser error of session ${sessionId} in ${logStore.displayName}` },
    )
    .toContain(true);
});
