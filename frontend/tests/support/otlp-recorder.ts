import { test as base, type Page } from '@playwright/test';
import { decodeLogsRequest, decodeTracesRequest, type ExportedLogRecord, type ExportedSpan } from '@o11y-demo/telemetry-query';
import { TEST_URLS } from './test-environment';

/**
 * Stands in for the collector's OTLP/HTTP receiver: answers every export
 * with 200 and keeps what the browser sent, decoded from OTLP/JSON by the
 * query package's reader.
 */
export class OtlpRecorder {
  readonly spans: ExportedSpan[] = [];
  readonly logRecords: ExportedLogRecord[] = [];
  /** Export requests seen, answered or not. */
  requestCount = 0;

  async answer(page: Page): Promise<void> {
    await page.route(`${TEST_URLS.otlp}/v1/**`, async (route) => {
      this.requestCount++;
      const body = route.request().postData() ?? '{}';
      if (route.request().url().endsWith('/v1/traces')) this.spans.push(...decodeTracesRequest(JSON.parse(body)));
      if (route.request().url().endsWith('/v1/logs')) this.logRecords.push(...decodeLogsRequest(JSON.parse(body)));
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: '{}',
      });
    });
  }

  /** Behaves like a stopped collector: every connection is refused. */
  async refuse(page: Page): Promise<void> {
    await page.route(`${TEST_URLS.otlp}/**`, async (route) => {
      this.requestCount++;
      await route.abort('connectionrefused');
    });
  }
}

/** `otlp`: a recorder answering for the collector from the start of the test. */
export const test = base.extend<{ otlp: OtlpRecorder }>({
  otlp: async ({ page }, use) => {
    const recorder = new OtlpRecorder();
    await recorder.answer(page);
    await use(recorder);
  },
});

export { expect } from '@playwright/test';
