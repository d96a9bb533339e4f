import { expect, test } from '@playwright/test';
import { backends } from '../src/backends';
import { findSpan, waitForTrace, type TraceSpan } from '../src/traces';
import { clickAction, openDemo } from './demo-page';

const SEVERITY_ERROR = 17; // OTLP SeverityNumber ERROR..ERROR4 are 17..20

const isFailedApiSpan = (span: TraceSpan) =>
  span.service === 'node-api' && span.kind === 'SPAN_KIND_SERVER' && span.statusCode === 'STATUS_CODE_ERROR';

test('"Trigger error" is visible as a failed span with its exception and as an ERROR log', async ({ page }) => {
  await openDemo(page);
  const traceId = await clickAction(page, 'trigger-error');
  await expect(page.getByTestId('result-trigger-error').getByTestId('status')).toContainText('500');

  const spans = await waitForTrace(traceId, (found) => found.some(isFailedApiSpan), 'node-api server span with status ERROR');
  const failed = findSpan(spans, isFailedApiSpan, 'failed node-api span');
  expect(failed.attributes['http.route']).toBe('/error');
  expect(failed.attributes['http.response.status_code']).toBe(500);
  const failedSpans = spans.filter((span) => span.service === 'node-api');
  const exception = failedSpans.flatMap((span) => span.events).find((event) => event.name === 'exception');
  expect(exception, 'an exception event on node-api spans').toBeDefined();
  expect(String(exception?.attributes['exception.message'] ?? '')).not.toBe('');

  const { logStore } = await backends();
  await expect
    .poll(
      async () => {
        const logs = await logStore.findLogsByTraceId(traceId);
        return logs.filter((log) => log.severityNumber >= SEVERITY_ERROR).map((log) => log.service);
      },
      { timeout: 30_000, message: `ERROR log records with trace id ${traceId} in ${logStore.displayName}` },
    )
    .toContain('node-api');
});
