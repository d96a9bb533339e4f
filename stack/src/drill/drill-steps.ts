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
   */
  readonly fault: 'freeze' | 'kill' | 'restart-with-queue';
}

export const DRILL_STEPS: readonly DrillStep[] = [
  { id: 'trace-store-frozen', title: 'trace store frozen (SIGSTOP)', target: 'trace store', fault: 'freeze' },
  { id: 'trace-store-killed', title: 'trace store killed, restarted', target: 'trace store', fault: 'kill' },
  { id: 'log-store-frozen', title: 'log store frozen (SIGSTOP)', target: 'log store', fault: 'freeze' },
  { id: 'log-store-killed', title: 'log store killed, restarted', target: 'log store', fault: 'kill' },
  { id: 'collector-restarted', title: 'collector restarted with queued data', target: 'collector', fault: 'restart-with-queue' },
];
