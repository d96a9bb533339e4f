import { SCENARIOS } from '@o11y-demo/scenarios';
import { DemoPage } from './support/demo-page';
import { expect, test } from './support/otlp-recorder';
import { activeScenarios, expectActiveOnPage, switchAllOff, switchScenario } from './support/scenarios';
import { TEST_URLS } from './support/test-environment';

/**
 * The scenarios panel against the real node-api: what it lists comes from
 * GET /scenarios, and what it switches is checked by asking node-api again.
 */

test.beforeEach(async ({ request }) => switchAllOff(request));
test.afterEach(async ({ request }) => switchAllOff(request));

test('the panel lists every scenario node-api offers: title, where it acts, what it does, and a switch', async ({ page }) => {
  await new DemoPage(page).open();
  const panel = page.getByTestId('scenarios-panel');
  await expect(panel).toHaveAttribute('data-reach', 'ok');

  await expect(panel.locator('li[data-testid^="scenario-"]')).toHaveCount(SCENARIOS.length);
  for (const scenario of SCENARIOS) {
    const item = panel.getByTestId(`scenario-${scenario.name}`);
    await expect(item.getByRole('checkbox', { name: scenario.title, exact: true })).not.toBeChecked();
    await expect(item).toContainText(scenario.description);
    await expect(item.locator('[data-service]')).toHaveAttribute('data-service', scenario.service);
  }
  // The two that act in the browser say so in the visitor's terms.
  await expect(panel.getByTestId('scenario-long-task').locator('[data-service]')).toHaveText('this page');

  await expectActiveOnPage(page, 0);
  await expect(page.getByRole('button', { name: 'Switch all off' })).toBeDisabled();
  await expect(page.getByTestId('scenario-badge')).toHaveCount(0);
});

test('switching on the page changes what node-api holds, and the page shows it', async ({ page, request, otlp }) => {
  await new DemoPage(page).open();
  const slowQuery = page.getByRole('checkbox', { name: 'Slow database query', exact: true });
  const logFlood = page.getByRole('checkbox', { name: 'Log flood', exact: true });

  await slowQuery.check();
  await expect(page.getByTestId('scenario-slow-query')).toHaveAttribute('data-active', 'true');
  expect(await activeScenarios(request)).toEqual(['slow-query']);
  await expectActiveOnPage(page, 1);
  // The header's badge is visible wherever the page is scrolled.
  await expect(page.getByTestId('scenario-badge')).toHaveText('1 scenario active');

  await logFlood.check();
  await expect(page.getByTestId('scenario-log-flood')).toHaveAttribute('data-active', 'true');
  expect(await activeScenarios(request)).toEqual(['slow-query', 'log-flood']);
  await expect(page.getByTestId('scenario-badge')).toHaveText('2 scenarios active');

  await slowQuery.uncheck();
  await expect(page.getByTestId('scenario-slow-query')).toHaveAttribute('data-active', 'false');
  expect(await activeScenarios(request)).toEqual(['log-flood']);

  await page.getByRole('button', { name: 'Switch all off' }).click();
  await expectActiveOnPage(page, 0);
  expect(await activeScenarios(request)).toEqual([]);
  await expect(logFlood).not.toBeChecked();
  await expect(page.getByTestId('scenario-badge')).toHaveCount(0);

  // A switch is something the visitor did: its PUT is traced, under the click.
  await expect
    .poll(() => otlp.spans.filter((span) => String(span.attributes['url.full']).endsWith('/scenarios/slow-query')).map((span) => span.attributes['http.request.method']))
    .toEqual(['PUT', 'PUT']);
  // The polls are not: no span for them, however many there were.
  expect(otlp.spans.filter((span) => span.attributes['url.full'] === `${TEST_URLS.nodeApi}/scenarios` && span.attributes['http.request.method'] === 'GET')).toEqual([]);
});

test('a switch made from the command line shows up on the page within a few seconds', async ({ page, request }) => {
  await new DemoPage(page).open();
  await expectActiveOnPage(page, 0);

  await switchScenario(request, 'flaky-worker', true);
  // The panel polls every 3 s.
  await expect(page.getByRole('checkbox', { name: 'Flaky worker', exact: true })).toBeChecked({ timeout: 6_000 });
  await expect(page.getByTestId('scenario-badge')).toHaveText('1 scenario active');

  await switchScenario(request, 'flaky-worker', false);
  await expect(page.getByRole('checkbox', { name: 'Flaky worker', exact: true })).not.toBeChecked({ timeout: 6_000 });
});

test('while node-api cannot be reached, the panel says so and the page acts as if no scenario were on', async ({ page, request, otlp }) => {
  await switchScenario(request, 'long-task', true);
  // A refused connection, as the browser sees a stopped node-api (or a CORS refusal).
  await page.route(`${TEST_URLS.nodeApi}/scenarios`, (route) => route.abort('connectionrefused'));
  const demo = new DemoPage(page);
  await demo.open();

  const panel = page.getByTestId('scenarios-panel');
  await expect(panel).toHaveAttribute('data-reach', 'unreachable');
  await expect(panel.getByTestId('scenarios-error')).toHaveText(
    new RegExp(`^node-api is unreachable at ${TEST_URLS.nodeApi.replace(/\./g, '\\.')} \\(.+\\)\\. Scenarios cannot be read or switched`),
  );
  await expect(page.getByTestId('scenarios-count')).toHaveText('state unknown');
  await expect(panel.getByRole('checkbox')).toHaveCount(0);

  // long-task is on in node-api, but the page cannot know: it does not act on it.
  const traceId = await demo.run('fetch-data', /^200\b/);
  await expect.poll(() => otlp.spans.filter((span) => span.traceId === traceId).map((span) => span.name)).toContain('click');
  const spans = otlp.spans.filter((span) => span.traceId === traceId);
  expect(spans.map((span) => span.name)).not.toContain('scenario: long task');
  expect(spans.filter((span) => span.attributes['demo.scenarios'] !== undefined)).toEqual([]);

  // Back as soon as node-api answers again.
  await page.unroute(`${TEST_URLS.nodeApi}/scenarios`);
  await expect(panel).toHaveAttribute('data-reach', 'ok', { timeout: 6_000 });
  await expect(page.getByRole('checkbox', { name: 'Long task on click', exact: true })).toBeChecked();
});

test('a node-api without the scenario API gets a sentence, not a broken list', async ({ page }) => {
  await page.route(`${TEST_URLS.nodeApi}/scenarios`, (route) =>
    route.fulfill({
      status: 404,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*' },
      body: JSON.stringify({ error: 'not_found', message: 'No route for GET /scenarios' }),
    }),
  );
  await new DemoPage(page).open();
  await expect(page.getByTestId('scenarios-error')).toHaveText(/^GET \/scenarios: node-api answered 404: No route for GET \/scenarios\./);
});
