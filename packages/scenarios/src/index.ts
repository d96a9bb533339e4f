export {
  SCENARIOS,
  SCENARIO_NAMES,
  ScenarioNameSchema,
  isScenarioName,
  scenarioDefinition,
  inCatalogOrder,
  type ScenarioDefinition,
  type ScenarioName,
  type ScenarioService,
} from './catalog';
export { ScenarioSwitch, ScenarioUpdateSchema, type ScenarioStatus, type ScenarioUpdate } from './scenario-switch';
export { SCENARIO_BAGGAGE_KEY, SCENARIO_ATTRIBUTE, encodeScenarios, decodeScenarios } from './propagation';
export { ScenarioListSchema, type ScenarioList } from './scenario-list';
