import { sendTracedRequest, type SentTrace } from '@o11y-demo/telemetry-query';

export interface TracedTraffic {
  /** Everything sent so far, including requests still waiting for an answer (not yet listed). */
  readonly sent: readonly SentTrace[];
  /** Stops sending and resolves once every request in flight has its answer. */
  stop(): Promise<readonly SentTrace[]>;
}

/**
 * A steady, open-loop stream of traced requests: one every 1/rate seconds
 * whether or not earlier ones have answered, like users who do not wait for
 * each other. Each carries a trace id of our choosing, so arrival can be
 * counted trace by trace afterwards.
 */
export function startTracedTraffic(url: string, ratePerSecond: number): TracedTraffic {
  const sent: SentTrace[] = [];
  const inFlight = new Set<Promise<void>>();
  const fire = (): void => {
    const request = sendTracedRequest(url).then((result) => {
      sent.push(result);
      inFlight.delete(request);
    });
    inFlight.add(request);
  };
  const timer = setInterval(fire, 1000 / ratePerSecond);
  fire();
  return {
    sent,
    async stop() {
      clearInterval(timer);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      return sent;
    },
  };
}

/** The requests sent in [fromMs, toMs). */
export function sentBetween(sent: readonly SentTrace[], fromMs: number, toMs: number): SentTrace[] {
  return sent.filter((s) => s.sentAtMs >= fromMs && s.sentAtMs < toMs);
}

/** Nearest-rank percentile of the latencies, in ms; 0 for no requests. */
export function latencyPercentile(requests: readonly SentTrace[], percentile: number): number {
  if (requests.length === 0) return 0;
  const sorted = requests.map((r) => r.latencyMs).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)] ?? 0;
}
