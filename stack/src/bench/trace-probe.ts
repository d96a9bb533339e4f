import { randomBytes } from 'node:crypto';
import type { TraceStore } from '@o11y-demo/telemetry-query';

export interface SentTrace {
  readonly traceId: string;
  readonly status: number;
}

/**
 * Sends one request as if a browser had started the trace: a fresh W3C
 * traceparent, sampled, so node-api continues our trace id.
 */
export async function sendTracedRequest(url: string): Promise<SentTrace> {
  const traceId = randomBytes(16).toString('hex');
  const parentSpanId = randomBytes(8).toString('hex');
  const response = await fetch(url, { headers: { traceparent: `00-${traceId}-${parentSpanId}-01` } });
  await response.body?.cancel();
  return { traceId, status: response.status };
}

/** Polls the trace store's trace-by-id API until the trace is there; returns when it was found. */
export async function waitForTraceInStore(traceStore: TraceStore, traceId: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (((await traceStore.getTrace(traceId, AbortSignal.timeout(2000))) ?? []).length > 0) return Date.now();
    } catch {
      // A store still starting its modules may briefly refuse; keep polling.
    }
    if (Date.now() > deadline) throw new Error(`trace ${traceId} did not appear in ${traceStore.displayName} (${traceStore.baseUrl}) within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
