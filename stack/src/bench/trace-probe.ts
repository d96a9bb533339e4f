import { randomBytes } from 'node:crypto';

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

interface TempoTraceResponse {
  trace?: { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: unknown[] }> }> };
}

export function countSpans(body: unknown): number {
  const resourceSpans = (body as TempoTraceResponse | null)?.trace?.resourceSpans ?? [];
  return resourceSpans.flatMap((r) => r.scopeSpans ?? []).reduce((sum, scope) => sum + (scope.spans?.length ?? 0), 0);
}

/** Polls Tempo's trace-by-id API until the trace is there; returns when it was found. */
export async function waitForTraceInTempo(tempoUrl: string, traceId: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${tempoUrl}/api/v2/traces/${traceId}`, { signal: AbortSignal.timeout(2000) });
      // This Tempo answers 200 with an empty {"trace":{}} for an unknown id: only spans count.
      if (response.status !== 200) await response.body?.cancel();
      else if (countSpans(await response.json()) > 0) return Date.now();
    } catch {
      // Tempo briefly refuses while it starts its modules; keep polling.
    }
    if (Date.now() > deadline) throw new Error(`trace ${traceId} did not appear in Tempo (${tempoUrl}) within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
