import { expect, test } from '@playwright/test';
import { TEST_URLS } from './support/test-environment';

/**
 * The trace search route and the trace views without a store: input is
 * checked before any store is asked (400s that say what is expected), and a
 * store that does not answer is named, never a 5xx. The same views on a real
 * Jaeger: e2e/tests/11-trace-search.spec.ts.
 */
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

const BAD_SEARCHES: [string, string][] = [
  ['limit=0', 'limit: expected from 1 to 100'],
  ['limit=101', 'limit: expected from 1 to 100'],
  ['limit=1000', 'limit: expected from 1 to 100'],
  ['limit=ten', 'limit: expected a whole number from 1 to 100'],
  ['lookback=3d', 'lookback: expected from 1s to 2d'],
  ['lookback=forever', 'lookback: expected a duration such as 500ms'],
  ['minDuration=-5ms', 'minDuration: expected a duration such as 500ms'],
  ['minDuration=2s&maxDuration=1s', 'maxDuration: expected at least minDuration'],
  ['error=yes', 'error: expected true or false'],
  ['tag=novalue', 'tag: expected key=value'],
  ['tag=bad-key%3Dx', 'tag: expected key=value'],
  ['tag=a%3D1&tag=b%3D2&tag=c%3D3&tag=d%3D4&tag=e%3D5&tag=f%3D6', 'tag: expected at most 5'],
  ['service=worker&service=node-api', 'service: given 2 times, expected once'],
  [`service=${'x'.repeat(201)}`, 'service: expected at most 200 characters'],
  ['service=a%0Ab', 'service: expected printable text'],
  ['url=http%3A%2F%2F127.0.0.1%3A9', '"url" is not a parameter'],
];

for (const [search, expected] of BAD_SEARCHES) {
  test(`GET /api/traces?${search.slice(0, 60)} is refused with 400: ${expected}`, async ({ request }) => {
    const response = await request.get(`/api/traces?${search}`);
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid_search');
    expect(body.message).toContain(expected);
  });
}

test('a good search with no store running answers at once, naming Jaeger as unreachable', async ({ request }) => {
  const started = Date.now();
  const response = await request.get('/api/traces?service=worker&operation=SELECT%20inventory&minDuration=500ms&lookback=15m&tag=demo.scenarios%3Dslow-query&error=true');
  expect(Date.now() - started).toBeLessThan(3_500);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { state: string; store: string; error: string };
  expect(body.state).toBe('unreachable');
  expect(body.store).toBe('Jaeger');
  expect(body.error).toContain(TEST_URLS.traceStore);
  expect(body.error).toContain('ECONNREFUSED');
});

test('operations of a service: one service parameter, printable, or a 400', async ({ request }) => {
  expect((await request.get('/api/traces/operations')).status()).toBe(400);
  expect((await request.get('/api/traces/operations?service=a&service=b')).status()).toBe(400);
  expect((await request.get('/api/traces/operations?service=a%00b')).status()).toBe(400);
  const answer = await request.get('/api/traces/operations?service=worker');
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ service: 'worker', operations: [], error: expect.stringMatching(/^unreachable: /) });
});

test('the search page shows what is wrong with its query string, and the store that did not answer', async ({ page }) => {
  await page.goto('/traces?minDuration=soon');
  await expect(page.getByTestId('search-error')).toContainText('minDuration: expected a duration such as 500ms, 1.5s or 2m');
  await page.goto('/traces?service=worker');
  await expect(page.getByTestId('search-error')).toContainText('Jaeger did not answer the search');
  await expect(page.getByTestId('trace-search-form').locator('select[name="service"]')).toHaveValue('worker');
});

test('the header box opens a trace id, and a bad one comes back with a message; /traces/<not an id> is a 404', async ({ page, request }) => {
  const redirect = await request.get(`/traces?traceId=${TRACE_ID.toUpperCase()}`, { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()['location']).toBe(`/traces/${TRACE_ID}`);

  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Trace id to open' });
  await box.fill('1234');
  await box.press('Enter');
  await expect(page.getByTestId('trace-id-error')).toHaveText('"1234" is not a trace id: expected 32 hex digits, not all zeros.');

  const notFound = await request.get('/traces/not-a-trace');
  expect(notFound.status()).toBe(404);
  expect(await notFound.text()).toContain('32 hex digits');

  await page.goto(`/traces/${TRACE_ID}`);
  await expect(page.getByTestId('trace-id')).toHaveText(TRACE_ID);
  await expect(page.getByTestId('trace-section')).toContainText('Jaeger unreachable: Jaeger');
});
