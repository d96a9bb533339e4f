import { expect, test, type Page } from '@playwright/test';
import { backends } from '../src/backends';
import { clickAction, openDemo } from './demo-page';

/**
 * The page's trace views on the real stores: a click on the demo page, then
 * /traces?service=worker finds that trace, its result opens /traces/<id> with
 * the waterfall across frontend-web, node-api and worker and its log lines;
 * the header's box opens a trace by id; bad input gets a message, and the
 * API route a 400 that says what it expects.
 */
test.describe.configure({ timeout: 120_000 });

/** Tempo finds a trace by search about 30 s after it arrived (by id at once); Jaeger at once. */
const SEARCHABLE = { timeout: 60_000, intervals: [1_000, 2_000, 3_000] };

async function clickedTrace(page: Page): Promise<string> {
  await openDemo(page);
  const traceId = await clickAction(page, 'fetch-data');
  const card = page.getByTestId('result-fetch-data');
  await expect(card.getByTestId('status')).toContainText('200');
  // The trace is whole in the store once the panel says so.
  await expect(card.getByTestId('panel-trace')).toHaveAttribute('data-complete', 'true', { timeout: 25_000 });
  return traceId;
}

test('a clicked trace is found by /traces?service=worker and opens with its waterfall and logs', async ({ page }) => {
  const { traceStore } = await backends();
  const traceId = await clickedTrace(page);

  // The result card's trace id links to the trace's own page.
  await expect(page.getByTestId('result-fetch-data').getByTestId('trace-id-link')).toHaveAttribute('href', `/traces/${traceId}`);

  const search = '/traces?service=worker&lookback=15m&limit=100';
  const result = page.locator(`[data-testid="trace-result"][data-trace-id="${traceId}"]`);
  await expect(async () => {
    await page.goto(search);
    await expect(result).toHaveCount(1, { timeout: 1_000 });
  }).toPass(SEARCHABLE);

  await expect(page.getByTestId('search-summary')).toContainText(`in ${traceStore.displayName}`);
  // The form shows the search it ran, and the scatter has drawn the traces found.
  await expect(page.getByTestId('trace-search-form').locator('select[name="service"]')).toHaveValue('worker');
  await expect(page.getByTestId('duration-scatter')).toHaveAttribute('data-drawn', 'true');
  // The summary: root span in the browser, the three services, a span of the worker matched.
  await expect(result.getByTestId('trace-result-link')).toHaveText(/^frontend-web: /);
  for (const service of ['frontend-web', 'node-api', 'worker']) await expect(result.locator(`[data-service="${service}"]`).first()).toBeVisible();
  await expect(result.getByTestId('matched-span').first()).toHaveAttribute('data-service', 'worker');
  expect(Number(await result.getByTestId('trace-result-spans').textContent())).toBeGreaterThanOrEqual(5);
  await expect(result.getByTestId('trace-result-error')).toHaveCount(0);

  await result.getByTestId('trace-result-link').click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}$`));
  await expect(page.getByTestId('trace-id')).toHaveText(traceId);
  const rows = page.getByTestId('span-row');
  for (const service of ['frontend-web', 'node-api', 'worker']) await expect(rows.and(page.locator(`[data-service="${service}"]`)).first()).toBeVisible();
  await expect(rows.first()).toHaveAttribute('data-depth', '0');
  await expect(rows.filter({ hasText: 'SELECT inventory' })).toHaveCount(1);
  const logs = page.getByTestId('logs-section').getByTestId('log-line');
  await expect(logs.filter({ hasText: 'inventory served' })).toHaveCount(1);
  await expect(logs.filter({ hasText: 'inventory processed' })).toHaveCount(1);
  await expect(page.getByTestId('metrics-section').getByTestId('request-counter')).toHaveText(/GET \/data on node-api so far/);
});

test('the header box opens a trace by id, and says what a trace id is when given something else', async ({ page }) => {
  const traceId = await clickedTrace(page);
  const box = page.getByTestId('trace-id-search').getByRole('textbox', { name: 'Trace id to open' });
  await box.fill(` ${traceId.toUpperCase()} `);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}$`));
  await expect(page.getByTestId('span-row').first()).toBeVisible();

  await page.getByTestId('trace-id-search').getByRole('textbox').fill('not-a-trace');
  await page.getByTestId('trace-id-search').getByRole('textbox').press('Enter');
  await expect(page.getByTestId('trace-id-error')).toHaveText('"not-a-trace" is not a trace id: expected 32 hex digits, not all zeros.');

  const notFound = await page.goto('/traces/0123');
  expect(notFound?.status()).toBe(404);
  await expect(page.getByTestId('trace-id-error')).toContainText('32 hex digits');
});

test('a bad search gets a 400 from the API naming what is expected, and the same message on the page', async ({ page, request }) => {
  const bad = await request.get('/api/traces?minDuration=fast&limit=1000&tag=novalue&colour=red');
  expect(bad.status()).toBe(400);
  const body = (await bad.json()) as { error: string; message: string };
  expect(body.error).toBe('invalid_search');
  for (const expected of ['"colour" is not a parameter', 'minDuration: expected a duration such as 500ms', 'limit: expected from 1 to 100', 'tag: expected key=value']) {
    expect(body.message).toContain(expected);
  }
  const tooFar = await request.get('/api/traces?lookback=30d');
  expect(tooFar.status()).toBe(400);
  expect(((await tooFar.json()) as { message: string }).message).toBe('lookback: expected from 1s to 2d');

  const good = await request.get('/api/traces?service=worker&minDuration=1ms&lookback=15m&limit=5');
  expect(good.status()).toBe(200);
  const answer = (await good.json()) as { state: string; traces: { traceId: string; matched: { service: string; durationMs: number }[] }[] };
  expect(answer.state).toBe('answered');
  expect(answer.traces.length).toBeLessThanOrEqual(5);
  for (const trace of answer.traces) expect(trace.matched.some((span) => span.service === 'worker' && span.durationMs >= 1)).toBe(true);

  await page.goto('/traces?minDuration=fast');
  await expect(page.getByTestId('search-error')).toContainText('minDuration: expected a duration such as 500ms, 1.5s or 2m');
});
