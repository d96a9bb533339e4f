import { inCatalogOrder, isScenarioName, type ScenarioName } from './catalog';

/**
 * node-api owns the switch; the worker learns the active scenarios from each
 * request's W3C baggage under this key, so it keeps no state that could drift
 * from node-api's and a learner can see the set travel with the trace.
 */
export const SCENARIO_BAGGAGE_KEY = 'demo.scenarios';

/** Span attribute (string array) naming the scenarios active for that request. */
export const SCENARIO_ATTRIBUTE = 'demo.scenarios';

/** The baggage value: names joined by commas (the propagator percent-encodes it). */
export function encodeScenarios(names: Iterable<ScenarioName>): string {
  return inCatalogOrder(names).join(',');
}

/**
 * Reads a baggage value back. Unknown names are ignored rather than rejected:
 * baggage comes from the network, and a stale or foreign entry must not fail
 * a request.
 */
export function decodeScenarios(value: string | undefined): ScenarioName[] {
  if (value === undefined || value.length > 1_000) return [];
  return inCatalogOrder(value.split(',').map((part) => part.trim()).filter(isScenarioName));
}
