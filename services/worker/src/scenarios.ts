import { context, propagation } from '@opentelemetry/api';
import { decodeScenarios, SCENARIO_ATTRIBUTE, SCENARIO_BAGGAGE_KEY, type ScenarioName } from '@o11y-demo/scenarios';
import { activeServerSpan } from '@o11y-demo/telemetry';
import type { RequestHandler } from 'express';

/**
 * The scenarios node-api switched on, as they arrived with this request's W3C
 * baggage (the SDK's propagator has already extracted it into the context).
 * The worker keeps no switch of its own, so it can never disagree with node-api.
 */
export function requestScenarios(): readonly ScenarioName[] {
  return decodeScenarios(propagation.getBaggage(context.active())?.getEntry(SCENARIO_BAGGAGE_KEY)?.value);
}

/** Names the active scenarios on the server span, so a trace says which of its oddities were on purpose. */
export const markScenarios: RequestHandler = (_req, _res, next) => {
  const names = requestScenarios();
  if (names.length > 0) activeServerSpan()?.setAttribute(SCENARIO_ATTRIBUTE, [...names]);
  next();
};
