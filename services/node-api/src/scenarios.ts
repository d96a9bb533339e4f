import { context, propagation } from '@opentelemetry/api';
import { encodeScenarios, SCENARIO_ATTRIBUTE, SCENARIO_BAGGAGE_KEY, type ScenarioName } from '@o11y-demo/scenarios';
import { activeServerSpan } from '@o11y-demo/telemetry';
import type { FastifyBaseLogger } from 'fastify';

/** `worker-timeout`: how long node-api waits for the worker's /data instead of DATA_TIMEOUT_MS. */
export const WORKER_TIMEOUT_SCENARIO_MS = 300;

/** `log-flood`: extra log lines per /data request. */
const LOG_FLOOD_LINES = 50;

/** The SKUs the worker serves; the flood's lines name them so they look like real lookups. */
const FLOOD_SKUS = ['TEL-001', 'TEL-002', 'TEL-003', 'TEL-004', 'TEL-005'] as const;

/**
 * Marks the request's HTTP server span with the scenarios active for it, so a
 * trace shows at a glance that it was made under a failure scenario.
 */
export function markServerSpan(active: readonly ScenarioName[]): void {
  if (active.length > 0) activeServerSpan()?.setAttribute(SCENARIO_ATTRIBUTE, [...active]);
}

/**
 * Runs `fn` (the call to the worker) in a context whose baggage carries node-api's
 * active scenarios under `demo.scenarios`; the undici instrumentation injects it
 * into the outgoing request. A `demo.scenarios` entry that came in with the
 * request (from the browser) is replaced, or removed when nothing is active: the
 * switch here is the only truth. Every other incoming entry passes through.
 */
export function withScenarioBaggage<T>(active: readonly ScenarioName[], fn: () => T): T {
  const incoming = propagation.getBaggage(context.active());
  if (incoming === undefined && active.length === 0) return fn();
  const cleaned = (incoming ?? propagation.createBaggage()).removeEntry(SCENARIO_BAGGAGE_KEY);
  const baggage = active.length > 0 ? cleaned.setEntry(SCENARIO_BAGGAGE_KEY, { value: encodeScenarios(active) }) : cleaned;
  return context.with(propagation.setBaggage(context.active(), baggage), fn);
}

/**
 * `log-flood`: the debug statement someone left on. Written through the request
 * logger, so every line carries the request's trace and span ids.
 */
export function floodLogs(log: FastifyBaseLogger): void {
  for (let index = 0; index < LOG_FLOOD_LINES; index += 1) {
    log.info({ 'demo.cache.key': FLOOD_SKUS[index % FLOOD_SKUS.length], 'demo.cache.lookup_index': index, 'demo.cache.hit': false }, 'cache lookup');
  }
}
