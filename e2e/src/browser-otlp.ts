import type { Page } from '@playwright/test';
import { decodeLogsRequest, decodeTracesRequest, type ExportedLogRecord, type ExportedSpan } from '@o11y-demo/telemetry-query';

/**
 * Records what the page sends to the collector, without changing it: the requests
 * still reach the real collector. Used to learn ids (e.g. of the document-load trace)
 * that the page does not display.
 */
export function watchBrowserTelemetry(page: Page): { spans: ExportedSpan[]; logs: ExportedLogRecord[] } {
  const sent = { spans: [] as ExportedSpan[], logs: [] as ExportedLogRecord[] };
  page.on('request', (request) => {
    const body = request.method() === 'POST' ? request.postData() : null;
    if (!body) return;
    const path = new URL(request.url()).pathname;
    if (path.endsWith('/v1/traces')) sent.spans.push(...decodeTracesRequest(JSON.parse(body)));
    else if (path.endsWith('/v1/logs')) sent.logs.push(...decodeLogsRequest(JSON.parse(body)));
  });
  return sent;
}
