import { expect } from '@playwright/test';
import type { MetricStore } from '@o11y-demo/telemetry-query';
import { backends } from './backends';

/**
 * The trace id of the newest exemplar Prometheus keeps for `promql`, recorded
 * at or after `sinceS` (unix seconds), or '' while there is none. Older ones
 * may name traces an in-memory trace store (Jaeger) forgot when it restarted.
 */
async function newestExemplarTraceId(metricStore: MetricStore, promql: string, sinceS: number): Promise<string> {
  const series = await metricStore.queryExemplars(promql, sinceS, Date.now() / 1000);
  const exemplars = series
    .flatMap((s) => s.exemplars)
    .filter((e) => /^[0-9a-f]{32}$/.test(e.labels['trace_id'] ?? '') && e.timestamp >= sinceS)
    .sort((a, b) => a.timestamp - b.timestamp);
  return exemplars.at(-1)?.labels['trace_id'] ?? '';
}

/**
 * Waits (30 s) for an exemplar of `promql` recorded since `sinceS` and for the
 * trace store to hold the trace it names; returns that trace id. Not a given
 * click's own: Prometheus keeps only some of the exemplars one flush brings
 * (prometheus/README.md), so a test asks for one of its run.
 */
export async function expectExemplarTraceInStore(promql: string, sinceS: number): Promise<string> {
  const { metricStore, traceStore } = await backends();
  let newest = '';
  await expect
    .poll(
      async () => {
        newest = await newestExemplarTraceId(metricStore, promql, sinceS);
        return newest;
      },
      { timeout: 30_000, message: `an exemplar with a trace id on ${promql}, recorded since ${new Date(sinceS * 1000).toISOString()}` },
    )
    .toMatch(/^[0-9a-f]{32}$/);
  await expect
    .poll(async () => (await traceStore.getTrace(newest))?.length ?? 0, { message: `${traceStore.displayName} holds exemplar trace ${newest}` })
    .toBeGreaterThan(0);
  return newest;
}
