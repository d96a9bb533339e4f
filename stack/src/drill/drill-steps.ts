/** Which part of the pipeline a step takes away. */
export type DrillTarget = 'trace store' | 'log store' | 'collector';

export interface DrillStep {
  readonly id: string;
  readonly title: string;
  readonly target: DrillTarget;
  /**
   * 'freeze': SIGSTOP for the outage, then SIGCONT (a hung host: open sockets, no answers).
   * 'kill': SIGKILL, down for the outage, started again (a crash).
   * 'restart-with-queue': both stores frozen so the collector's queues fill, the
   * collector stopped and started again mid-outage, then the stores come back.
   * 'overflow': the collector restarted with a trace queue of a few hundred
   * spans, the trace store frozen until it overflows: a loss by design, which
   * the collector must count and the TelemetryDropped alert must report.
   */
  readonly fault: 'freeze' | 'kill' | 'restart-with-queue' | 'overflow';
  /** The step is meant to lose data; it passes when the loss is counted and alerted. */
  readonly expectsLoss?: boolean;
}

/** The alert that must fire when the collector gives telemetry up (prometheus/rules/alerts.yml). */
export const DROP_ALERT = 'TelemetryDropped';
/** The overflow step's trace queue, in spans: about 7 s of the drill's traffic (5 req/s x 6 spans). */
export const OVERFLOW_QUEUE_SPANS = 200;

export const DRILL_STEPS: readonly DrillStep[] = [
  { id: 'trace-store-frozen', title: 'trace store frozen (SIGSTOP)', target: 'trace store', fault: 'freeze' },
  { id: 'trace-store-killed', title: 'trace store killed, restarted', target: 'trace store', fault: 'kill' },
  { id: 'log-store-frozen', title: 'log store frozen (SIGSTOP)', target: 'log store', fault: 'freeze' },
  { id: 'log-store-killed', title: 'log store killed, restarted', target: 'log store', fault: 'kill' },
  { id: 'collector-restarted', title: 'collector restarted with queued data', target: 'collector', fault: 'restart-with-queue' },
  { id: 'trace-queue-overflow', title: 'trace queue overflows (by design)', target: 'trace store', fault: 'overflow', expectsLoss: true },
];

/** The steps that must lose nothing: the short form in `npm test` runs these. */
export const NO_LOSS_STEPS = DRILL_STEPS.filter((s) => s.expectsLoss !== true);
