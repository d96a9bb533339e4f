/** Long enough for one export attempt; short of the 10 s a container runtime waits before SIGKILL. */
const DEFAULT_DEADLINE_MS = 5_000;

export interface ExitOnSignalsOptions {
  /** Run in order on the first SIGTERM or SIGINT, e.g. close the server, then flush telemetry. */
  steps: ReadonlyArray<() => Promise<void>>;
  deadlineMs?: number;
  /** Where to report a failed or overdue shutdown (the service's logger). */
  onError: (message: string, error?: unknown) => void;
}

/**
 * Graceful stop: stop taking requests, flush buffered telemetry, exit. Bounded by a
 * deadline because flushing to an unreachable collector would otherwise wait for
 * the exporter's retries. A second signal exits at once.
 */
export function exitOnSignals({ steps, deadlineMs = DEFAULT_DEADLINE_MS, onError }: ExitOnSignalsOptions): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) process.exit(1);
    stopping = true;
    const overdue = setTimeout(() => {
      onError(`shutdown after ${signal} took longer than ${deadlineMs} ms; exiting without waiting`);
      process.exit(1);
    }, deadlineMs);
    overdue.unref();
    try {
      for (const step of steps) await step();
      process.exit(0);
    } catch (error) {
      onError(`shutdown after ${signal} failed`, error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}
