import { SpanKind, trace } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';

/** worker-timeout: about a second, against node-api's 300 ms patience. */
const LOCK_WAIT_MS = 1_000;

const tracer = trace.getTracer(SERVICE_NAME, SERVICE_VERSION);

/**
 * The worker-timeout scenario's delay, as a named span rather than a bare sleep:
 * in the trace it starts inside node-api's failed client span and ends long after it.
 */
export function waitForInventoryLock(): Promise<void> {
  return tracer.startActiveSpan(
    'wait for inventory lock',
    { kind: SpanKind.INTERNAL, attributes: { 'demo.scenario.name': 'worker-timeout' } },
    async (span) => {
      try {
        await sleep(LOCK_WAIT_MS);
      } finally {
        span.end();
      }
    },
  );
}
