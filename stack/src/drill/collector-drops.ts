/** The collector's own Prometheus endpoint on the native stack. */
const COLLECTOR_METRICS_URL = 'http://127.0.0.1:8888/metrics';

/**
 * Counters the collector raises when it gives telemetry up: send_failed (the
 * retry window ran out, or the backend refused it for good) and
 * enqueue_failed (the sending queue was full). Any of them above zero is a loss.
 */
const DROP_COUNTER = /^otelcol_exporter_(send_failed|enqueue_failed)_(spans|log_records|metric_points)(?:_total)?(\{[^}]*\})?\s+(\S+)/;

export type DropCounts = ReadonlyMap<string, number>;

/** `otelcol_exporter_send_failed_spans{exporter="otlp_grpc/traces"}` -> value, summed over other labels. */
export function parseDropCounters(text: string): DropCounts {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    // A request interrupted by the collector's own shutdown stays in the disk
    // queue and is sent after the restart: counted as failed, but not lost.
    if (/error_type="Shutdown"/.test(line)) continue;
    const match = DROP_COUNTER.exec(line);
    if (match === null) continue;
    const exporter = /exporter="([^"]*)"/.exec(match[3] ?? '')?.[1] ?? '?';
    const key = `${match[1]} ${match[2]} (${exporter})`;
    counts.set(key, (counts.get(key) ?? 0) + Number(match[4]));
  }
  return counts;
}

export async function readDropCounters(url = COLLECTOR_METRICS_URL): Promise<DropCounts> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`the collector's metrics endpoint ${url} answered ${response.status}`);
  return parseDropCounters(await response.text());
}

/**
 * Drops between two readings. A restarted collector starts its counters at
 * zero, so a reading lower than the one before counts from zero.
 */
export function dropsBetween(before: DropCounts, after: DropCounts): number {
  let total = 0;
  for (const [key, value] of after) {
    const earlier = before.get(key) ?? 0;
    total += value >= earlier ? value - earlier : value;
  }
  return total;
}
