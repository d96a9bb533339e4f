import type { MetricStore } from '@o11y-demo/telemetry-query';

/**
 * The trace id of the newest exemplar Prometheus keeps for `promql`, recorded
 * at or after `sinceS` (unix seconds), or '' while there is none. Older ones
 * may name traces an in-memory trace store (Jaeger) forgot when it restarted.
 */
export async function newestExemplarTraceId(metricStore: MetricStore, promql: string, sinceS: number): Promise<string> {
  const series = await metricStore.queryExemplars(promql, sinceS, Date.now() / 1000);
  const exemplars = series
    .flatMap((s) => s.exemplars)
    .filter((e) => /^[0-9a-f]{32}$/.test(e.labels['trace_id'] ?? '') && e.timestamp >= sinceS)
    .sort((a, b) => a.timestamp - b.timestamp);
  return exemplars.at(-1)?.labels['trace_id'] ?? '';
}
