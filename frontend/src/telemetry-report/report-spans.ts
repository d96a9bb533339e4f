import 'server-only';
import { spanTree, type AttributeValue, type TraceSpan } from '@o11y-demo/telemetry-query';
import type { ReportSpan } from './telemetry-report';

const STATUS: Record<string, ReportSpan['status']> = {
  STATUS_CODE_OK: 'ok',
  STATUS_CODE_ERROR: 'error',
};

function text(value: AttributeValue): string | undefined {
  return value === undefined || value === '' ? undefined : String(value);
}

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * `GET /data -> 200` from whichever HTTP attributes the span has: current
 * semantic conventions on the Node side, the older `http.*` names that the
 * browser's fetch instrumentation still writes.
 */
function httpSummary(attributes: TraceSpan['attributes']): string | null {
  const method = text(attributes['http.request.method']) ?? text(attributes['http.method']);
  if (!method) return null;
  const target =
    text(attributes['http.route']) ?? text(attributes['url.path']) ?? pathOf(text(attributes['url.full']) ?? text(attributes['http.url']));
  const status = text(attributes['http.response.status_code']) ?? text(attributes['http.status_code']);
  return [method, target, status ? `-> ${status}` : undefined].filter(Boolean).join(' ');
}

function firstException(span: TraceSpan): ReportSpan['exception'] {
  const event = span.events.find((candidate) => candidate.name === 'exception');
  if (!event) return null;
  return {
    type: text(event.attributes['exception.type']) ?? '',
    message: text(event.attributes['exception.message']) ?? '',
  };
}

/** The trace's spans in waterfall order (parents before children), with what the panel shows of each. */
export function reportSpans(spans: readonly TraceSpan[]): ReportSpan[] {
  return spanTree(spans).map(({ span, depth }) => ({
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    depth,
    name: span.name,
    kind: span.kind,
    service: span.service,
    startTimeUnixMs: span.startTimeUnixMs,
    durationMs: span.durationMs,
    status: STATUS[span.statusCode] ?? 'unset',
    statusMessage: span.statusMessage,
    exception: firstException(span),
    http: httpSummary(span.attributes),
  }));
}

/**
 * The span whose request counter the panel shows: the first server span
 * (node-api's, where the browser's request landed), else the first failed span
 * (a browser-only failure), else the root.
 */
export function keySpan(spans: readonly ReportSpan[]): ReportSpan | undefined {
  return (
    spans.find((span) => span.kind === 'SPAN_KIND_SERVER') ??
    spans.find((span) => span.status === 'error') ??
    spans[0]
  );
}
