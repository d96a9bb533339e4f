import { randomBytes } from 'node:crypto';
import type { TraceStore } from '@o11y-demo/telemetry-query';

export interface SentTrace {
  readonly traceId: string;
  /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
  readonly status: number;
  readonly sentAtMs: number;
  readonly latencyMs: number;
}

/**
 * Sends one request as if a browser had started the trace: a fresh W3C
 * traceparent, sampled, so node-api continues our trace id. Never rejects:
 * a request that got no answer is reported with status 0.
 */
export async function sendTracedRequest(url: string, timeoutMs = 15_000): Promise<SentTrace> {
  const traceId = randomBytes(16).toString('hex');
  const parentSpanId = randomBytes(8).toString('hex');
  const sentAtMs = Date.now();
  const started = performance.now();
  let status = 0;
  try {
    const response = await fetch(url, { headers: { traceparent: `00-${traceId}-${parentSpanId}-01` }, signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    status = response.status;
  } catch {
    status = 0;
  }
  return { traceId, status, sentAtMs, latencyMs: performance.now() - started };
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
