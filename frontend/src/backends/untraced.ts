import 'server-only';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/**
 * Runs `work` with tracing suppressed, so the frontend's reads of the
 * backends (several per click, from the panel's polls) add no client spans
 * and no traces of their own to the very stores the demo is about.
 */
export function untraced<T>(work: () => Promise<T>): Promise<T> {
  return context.with(suppressTracing(context.active()), work);
}
