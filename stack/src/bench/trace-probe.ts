import type { TraceStore } from '@o11y-demo/telemetry-query';

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
