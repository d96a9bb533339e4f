import type { Page } from '@playwright/test';
import { readAttributes, toHexId, type Attributes, type KeyValue } from '@o11y-demo/telemetry-query';

export interface SentSpan {
  traceId: string;
  spanId: string;
  name: string;
  attributes: Attributes;
}
export interface SentLog {
  traceId: string;
  /** The LogRecord's EventName field (`browser.web_vital`, `exception`), '' when it has none. */
  eventName: string;
  body: string;
  attributes: Attributes;
}

interface OtlpTraces {
  resourceSpans?: { scopeSpans?: { spans?: { traceId: string; spanId: string; name: string; attributes?: KeyValue[] }[] }[] }[];
}
interface OtlpLogs {
  resourceLogs?: { scopeLogs?: { logRecords?: { traceId?: string; eventName?: string; body?: { stringValue?: string }; attributes?: KeyValue[] }[] }[] }[];
}

/**
 * Records what the page sends to the collector, without changing it: the requests
 * still reach the real collector. Used to learn ids (e.g. of the document-load trace)
 * that the page does not display.
 */
export function watchBrowserTelemetry(page: Page): { spans: SentSpan[]; logs: SentLog[] } {
  const sent = { spans: [] as SentSpan[], logs: [] as SentLog[] };
  page.on('request', (request) => {
    const body = request.method() === 'POST' ? request.postData() : null;
    if (!body) return;
    const path = new URL(request.url()).pathname;
    if (path.endsWith('/v1/traces')) {
      const parsed = JSON.parse(body) as OtlpTraces;
      for (const spans of parsed.resourceSpans ?? [])
        for (const scope of spans.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            sent.spans.push({ traceId: toHexId(span.traceId), spanId: toHexId(span.spanId), name: span.name, attributes: readAttributes(span.attributes) });
    } else if (path.endsWith('/v1/logs')) {
      const parsed = JSON.parse(body) as OtlpLogs;
      for (const logs of parsed.resourceLogs ?? [])
        for (const scope of logs.scopeLogs ?? [])
          for (const record of scope.logRecords ?? [])
            sent.logs.push({
              traceId: toHexId(record.traceId),
              eventName: record.eventName ?? '',
              body: record.body?.stringValue ?? '',
              attributes: readAttributes(record.attributes),
            });
    }
  });
  return sent;
}
