import autocannon from 'autocannon';
import { newTraceparent } from '@o11y-demo/telemetry-query';
import { REQUEST_CYCLE } from './request-mix';

export interface HttpLoadCounters {
  sent: number;
  /** Answers outside 2xx other than the planned /error, plus requests that got no answer. */
  errors: number;
  /** The planned /error answers (500 on purpose). */
  plannedErrors: number;
}

export interface HttpLoad {
  readonly counters: HttpLoadCounters;
  stop(): void;
  /** Resolves when the load has ended (duration or amount reached, or stop()). */
  readonly done: Promise<void>;
}

/**
 * Traced requests to node-api at a steady overall rate, through autocannon:
 * each request gets its own traceparent, so every one is a trace of its own.
 */
export function startHttpLoad(nodeApiUrl: string, { rate, durationS, amount }: { rate: number; durationS: number; amount?: number }): HttpLoad {
  const counters: HttpLoadCounters = { sent: 0, errors: 0, plannedErrors: 0 };
  const connections = Math.max(1, Math.min(4, Math.floor(rate)));
  let resolveDone: () => void = () => undefined;
  let rejectDone: (error: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const instance = autocannon(
    {
      url: nodeApiUrl,
      connections,
      overallRate: rate,
      duration: durationS,
      ...(amount === undefined ? {} : { amount }),
      timeout: 15,
      requests: REQUEST_CYCLE.map((path) => ({
        method: 'GET',
        path,
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, traceparent: newTraceparent().traceparent } }),
      })),
    },
    (error) => (error === null ? resolveDone() : rejectDone(error)),
  );
  instance.on('response', (client: { requestIterator?: { currentRequest?: { path?: string } } }, statusCode: number) => {
    counters.sent++;
    const path = client.requestIterator?.currentRequest?.path ?? '';
    if (statusCode >= 200 && statusCode < 300) return;
    if (path === '/error' && statusCode === 500) counters.plannedErrors++;
    else counters.errors++;
  });
  instance.on('reqError', () => {
    counters.sent++;
    counters.errors++;
  });
  return { counters, done, stop: () => instance.stop() };
}
