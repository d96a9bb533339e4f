import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeScenarios,
  encodeScenarios,
  SCENARIO_NAMES,
  SCENARIOS,
  ScenarioListSchema,
  ScenarioNameSchema,
  ScenarioSwitch,
  ScenarioUpdateSchema,
} from '../src/index';

describe('scenario catalog', () => {
  it('has at least six scenarios with unique names', () => {
    assert.ok(SCENARIOS.length >= 6);
    assert.equal(new Set(SCENARIO_NAMES).size, SCENARIO_NAMES.length);
  });

  it('names the known scenarios when a name is unknown', () => {
    const result = ScenarioNameSchema.safeParse('slow-qeury');
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? '', /unknown scenario "slow-qeury"; known: slow-query, /);
  });
});

describe('ScenarioSwitch', () => {
  it('switches scenarios on and off and lists them in catalog order', () => {
    const scenarios = new ScenarioSwitch();
    scenarios.set('log-flood', true);
    scenarios.set('slow-query', true);
    scenarios.set('slow-query', true);
    assert.deepEqual(scenarios.active(), ['slow-query', 'log-flood']);
    scenarios.set('log-flood', false);
    assert.deepEqual(scenarios.active(), ['slow-query']);
    assert.equal(scenarios.statuses().find((s) => s.name === 'slow-query')?.active, true);
    scenarios.reset();
    assert.deepEqual(scenarios.active(), []);
  });

  it('accepts only {"active": boolean} as an update', () => {
    assert.deepEqual(ScenarioUpdateSchema.parse({ active: true }), { active: true });
    for (const bad of [{}, { active: 'yes' }, { active: true, extra: 1 }, null, []]) {
      assert.equal(ScenarioUpdateSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('scenario list wire schema', () => {
  it('accepts what the switch lists and refuses a list whose entries lack their signals', () => {
    const scenarios = new ScenarioSwitch();
    scenarios.set('slow-query', true);
    const listing = { scenarios: scenarios.statuses(), active: scenarios.active() };
    const parsed = ScenarioListSchema.safeParse(listing);
    assert.ok(parsed.success);
    assert.deepEqual(parsed.data.active, ['slow-query']);
    assert.equal(parsed.data.scenarios.length, SCENARIOS.length);
    const withoutSignals = { ...listing, scenarios: listing.scenarios.map(({ signals: _signals, ...rest }) => rest) };
    assert.equal(ScenarioListSchema.safeParse(withoutSignals).success, false);
  });
});

describe('scenario baggage', () => {
  it('round-trips the active set', () => {
    assert.equal(encodeScenarios(['n-plus-one', 'slow-query']), 'slow-query,n-plus-one');
    assert.deepEqual(decodeScenarios('slow-query,n-plus-one'), ['slow-query', 'n-plus-one']);
  });

  it('ignores unknown, repeated and oversized values instead of failing the request', () => {
    assert.deepEqual(decodeScenarios(undefined), []);
    assert.deepEqual(decodeScenarios(''), []);
    assert.deepEqual(decodeScenarios('nope, slow-query ,slow-query'), ['slow-query']);
    assert.deepEqual(decodeScenarios('slow-query,'.repeat(200)), []);
  });
});
