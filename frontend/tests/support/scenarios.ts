import { ScenarioListSchema } from '@o11y-demo/scenarios';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { TEST_URLS } from './test-environment';

const SCENARIOS_URL = `${TEST_URLS.nodeApi}/scenarios`;

/** The switches as node-api holds them: what the page shows must agree with this. */
export async function activeScenarios(request: APIRequestContext): Promise<string[]> {
  const response = await request.get(SCENARIOS_URL);
  expect(response.status(), 'GET /scenarios on node-api (is its scenario API built? see README)').toBe(200);
  // Parsed with the wire schema node-api and the page share, so a drift fails here too.
  return ScenarioListSchema.parse(await response.json()).active;
}

/** A switch made "from the command line", i.e. not through the page. */
export async function switchScenario(request: APIRequestContext, name: string, active: boolean): Promise<void> {
  const response = await request.put(`${SCENARIOS_URL}/${name}`, { data: { active } });
  expect(response.status(), `PUT /scenarios/${name}`).toBe(200);
}

/**
 * Every test that switches scenarios on ends with this: node-api keeps them
 * for as long as it runs, and the next test (or the worker's behaviour in
 * it) must not inherit them.
 */
export async function switchAllOff(request: APIRequestContext): Promise<void> {
  const response = await request.delete(SCENARIOS_URL);
  expect(response.status(), 'DELETE /scenarios').toBe(200);
}

/** Waits until the page has polled node-api and knows `count` scenarios are on. */
export async function expectActiveOnPage(page: Page, count: number): Promise<void> {
  const text = count === 0 ? 'none active' : `${count} scenario${count === 1 ? '' : 's'} active`;
  await expect(page.getByTestId('scenarios-count')).toHaveText(text);
}
