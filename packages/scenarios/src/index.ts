export {
  SCENARIOS,
  SCENARIO_NAMES,
  ScenarioNameSchema,
  isScenarioName,
  type ScenarioName,
} from './catalog';
export { ScenarioSwitch, ScenarioUpdateSchema } from './scenario-switch';
export { SCENARIO_BAGGAGE_KEY, SCENARIO_ATTRIBUTE, encodeScenarios, decodeScenarios } from './propagation';
export { ScenarioListSchema, type ScenarioList } from './scenario-list';
