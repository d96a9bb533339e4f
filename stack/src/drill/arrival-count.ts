import type { LogStore, TraceStore } from '@o11y-demo/telemetry-query';

/**
 * What one /data request must leave behind: spans of both services in its
 * trace, and these log lines (one per service) carrying its trace id.
 */
const EXPECTED_SERVICES = ['node-api', 'worker'] as const;
const EXPECTED_LOG_LINES: ReadonlyArray<{ service: string; body: string }> = [
  { service: 'node-api', body: 'inventory served' },
  { service: 'worker', body: 'inventory processed' },
];
const LOG_LINES_PER_REQUEST = EXPECTED_LOG_LINES.length;

export interface Arrival {
  readonly tracesSent: number;
  readonly tracesArrived: number;
  readonly logLinesSent: number;
  readonly logLinesArrived: number;
  /** Trace ids with a missing span or log line, for the report. */
  readonly incomplete: readonly string[];
  /** What is missing, counted over the incomplete traces: "worker spans" -> 2. */
  readonly missingParts: ReadonlyMap<string, number>;
}

interface TraceArrival {
  traceComplete: boolean;
  logLines: number;
  missing: string[];
}

async function checkOne(traceId: string, traceStore: TraceStore, logStore: LogStore): Promise<TraceArrival> {
  const [spans, logs] = await Promise.all([
    traceStore.getTrace(traceId, AbortSignal.timeout(10_000)).catch(() => undefined),
    logStore.findLogsByTraceId(traceId, AbortSignal.timeout(10_000)).catch(() => []),
  ]);
  const services = new Set((spans ?? []).map((s) => s.service));
  const foundLines = EXPECTED_LOG_LINES.filter((line) => logs.some((r) => r.service === line.service && r.body === line.body));
  return {
    traceComplete: EXPECTED_SERVICES.every((service) => services.has(service)),
    logLines: foundLines.length,
    missing: [
      ...EXPECTED_SERVICES.filter((service) => !services.has(service)).map((service) => `${service} spans`),
      ...EXPECTED_LOG_LINES.filter((line) => !foundLines.includes(line)).map((line) => `${line.service} log "${line.body}"`),
    ],
  };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * Counts, trace id by trace id, what reached the stores; re-checks only the
 * incomplete ones until all arrived or the deadline passes (the collector
 * retries with backoff, so the last records can come a while after recovery).
 */
export async function countArrivals(
  traceIds: readonly string[],
  stores: { traceStore: TraceStore; logStore: LogStore },
  { deadlineMs, onPoll }: { deadlineMs: number; onPoll?: (missing: number) => void },
): Promise<Arrival> {
  const known = new Map<string, TraceArrival>();
  let pending = [...traceIds];
  for (;;) {
    const checked = await mapLimited(pending, 8, (id) => checkOne(id, stores.traceStore, stores.logStore));
    pending.forEach((id, i) => known.set(id, checked[i] as TraceArrival));
    pending = pending.filter((id) => {
      const arrival = known.get(id);
      return arrival === undefined || !arrival.traceComplete || arrival.logLines < LOG_LINES_PER_REQUEST;
    });
    onPoll?.(pending.length);
    if (pending.length === 0 || Date.now() > deadlineMs) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  const all = [...known.values()];
  const missingParts = new Map<string, number>();
  for (const part of pending.flatMap((id) => known.get(id)?.missing ?? [])) missingParts.set(part, (missingParts.get(part) ?? 0) + 1);
  return {
    missingParts,
    tracesSent: traceIds.length,
    tracesArrived: all.filter((a) => a.traceComplete).length,
    logLinesSent: traceIds.length * LOG_LINES_PER_REQUEST,
    logLinesArrived: all.reduce((sum, a) => sum + a.logLines, 0),
    incomplete: pending,
  };
}
