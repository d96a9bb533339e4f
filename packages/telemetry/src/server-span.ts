import { context, SpanStatusCode, type Span } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';

/**
 * The HTTP server span of the request being handled: the span a trace view shows
 * for the service, even when framework spans (fastify's handler span) are active.
 */
export function activeServerSpan(): Span | undefined {
  return getRPCMetadata(context.active())?.span;
}

/**
 * Tells the HTTP instrumentation which route matched, for servers built on plain
 * `node:http` that have no framework instrumentation to do it. The span is then
 * named `GET /route` and `http.route` lands on the span and on the duration metric.
 */
export function setHttpRoute(route: string): void {
  const metadata = getRPCMetadata(context.active());
  if (metadata !== undefined) metadata.route = route;
}

/**
 * Records a failure on the server span so it is visible where people look first:
 * an `exception` event and status ERROR with the message.
 */
export function recordServerSpanFailure(error: Error): void {
  const span = activeServerSpan();
  if (span === undefined) return;
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
