/**
 * When the panel asks again, and until when. Steady and quick while a
 * click's trace and logs are due (the arrival times it reports are only as
 * precise as the polls), then backing off while it waits for the span-metrics
 * exemplar, which the collector flushes every 15 s.
 */
export const POLL_SCHEDULE = {
  /** Quick polls for this long after the click... */
  quickPhaseMs: 4_000,
  /** ...this often. */
  quickIntervalMs: 250,
  /** Then each wait is this much longer than the one before, */
  backoffFactor: 1.5,
  /** up to this. */
  maxIntervalMs: 2_000,
} as const;

export type Signal = 'trace' | 'logs' | 'metrics';

/** How long after the click each signal may take before the panel says it never came. */
export const SIGNAL_DEADLINE_MS: Record<Signal, number> = {
  trace: 20_000,
  logs: 20_000,
  // The span_metrics connector flushes every 15 s; Prometheus has it a moment later.
  metrics: 30_000,
};

export function nextPollDelayMs(sinceClickMs: number, previousDelayMs: number | undefined): number {
  if (sinceClickMs < POLL_SCHEDULE.quickPhaseMs || previousDelayMs === undefined) return POLL_SCHEDULE.quickIntervalMs;
  return Math.min(previousDelayMs * POLL_SCHEDULE.backoffFactor, POLL_SCHEDULE.maxIntervalMs);
}
