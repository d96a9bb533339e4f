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
 * Records a failure on the server span so it is visible where people look first:
 * an `exception` event and status ERROR with the message.
 */
export function recordServerSpanFailure(error: Error): void {
  const span = activeServerSpan();
  if (span === undefined) return;
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
