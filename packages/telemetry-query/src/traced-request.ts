import { randomBytes } from 'node:crypto';

export interface SentTrace {
  readonly traceId: string;
  /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
  readonly status: number;
  readonly sentAtMs: number;
  readonly latencyMs: number;
}

/** A fresh sampled W3C traceparent; returns the trace id it starts. */
export function newTraceparent(): { traceId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

/**
 * Sends one request as if a browser had started the trace: a fresh W3C
 * traceparent, sampled, so the service continues a trace id known in advance
 * and its telemetry can be looked up by it. Never rejects: a request that got
 * no answer is reported with status 0.
 */
export async function sendTracedRequest(url: string, timeoutMs = 15_000): Promise<SentTrace> {
  const { traceId, traceparent } = newTraceparent();
  const sentAtMs = Date.now();
  const started = performance.now();
  let status: number;
  try {
    const response = await fetch(url, { headers: { traceparent }, signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    status = response.status;
  } catch {
    status = 0;
  }
  return { traceId, status, sentAtMs, latencyMs: performance.now() - started };
}
