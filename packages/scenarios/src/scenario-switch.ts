import { z } from 'zod';
import { inCatalogOrder, SCENARIOS, type ScenarioDefinition, type ScenarioName } from './catalog';

/** Body of `PUT /scenarios/:name`. */
export const ScenarioUpdateSchema = z.strictObject(
  { active: z.boolean({ error: '"active" must be true or false' }) },
  { error: 'the body must be a JSON object like {"active": true}' },
);

export interface ScenarioStatus extends ScenarioDefinition {
  readonly active: boolean;
}

/**
 * The active scenarios, kept in memory by the one service that owns the switch
 * (node-api). Restarting the service switches everything off, which is the safe
 * default for a workshop machine.
 */
export class ScenarioSwitch {
  readonly #active = new Set<ScenarioName>();

  active(): ScenarioName[] {
    return inCatalogOrder(this.#active);
  }

  isActive(name: ScenarioName): boolean {
    return this.#active.has(name);
  }

  set(name: ScenarioName, active: boolean): void {
    if (active) this.#active.add(name);
    else this.#active.delete(name);
  }

  reset(): void {
    this.#active.clear();
  }

  statuses(): ScenarioStatus[] {
    return SCENARIOS.map((s) => ({ ...s, active: this.#active.has(s.name) }));
  }
}
