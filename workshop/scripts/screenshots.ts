// `npm run workshop:screenshots`: refreshes workshop/docs/*.png from the
// running demo (npm start), so the guide shows what a learner will see.
import { chromium, expect, type Page } from '@playwright/test';
import type { ScenarioName } from '@o11y-demo/scenarios';
import { join } from 'node:path';
import { LOCAL_URLS } from '@o11y-demo/topology';
import { prometheusQueryPageUrl } from '@o11y-demo/telemetry-query';
import { WORKER_QUERY_P95_PROMQL } from '../src/preflight/exercises';
import { ScenarioApi } from '../src/scenario-api';
import { readTargets } from '../src/targets';

const DOCS = join(__dirname, '..', 'docs');

async function fetchDataUntil(page: Page, accept: (latencyText: string) => boolean, tries = 12): Promise<void> {
  const card = page.getByTestId('result-fetch-data');
  for (let i = 0; i < tries; i++) {
    const previous = (await card.getByTestId('trace-id').count()) > 0 ? await card.getByTestId('trace-id').textContent() : null;
    await page.getByRole('button', { name: 'Fetch data', exact: true }).click();
    if (previous !== null) await expect(card.getByTestId('trace-id')).not.toHaveText(previous, { timeout: 20_000 });
    await expect(card.getByTestId('trace-id')).toHaveText(/[0-9a-f]{32}/, { timeout: 20_000 });
    if (accept((await card.getByTestId('latency').textContent()) ?? '')) break;
  }
  await expect(card.getByTestId('telemetry-panel')).toHaveAttribute('data-phase', 'done', { timeout: 45_000 });
}

async function shoot(page: Page, api: ScenarioApi, scenario: ScenarioName, file: string, accept: (latency: string) => boolean = () => true): Promise<void> {
  await api.reset();
  await api.set(scenario, true);
  await page.goto(readTargets().frontend);
  await expect(page.getByTestId('scenarios-count')).toHaveText('1 scenario active', { timeout: 15_000 });
  await fetchDataUntil(page, accept);
  // A picture shows the whole trace: no sticky header over the card, no scrolling inside the waterfall or the logs.
  await page.addStyleTag({ content: 'header { position: static !important; }' });
  await page.getByTestId('result-fetch-data').evaluate((card) => {
    for (const element of card.querySelectorAll<HTMLElement>('*')) {
      if (!['auto', 'scroll'].includes(getComputedStyle(element).overflowY)) continue;
      Object.assign(element.style, { maxHeight: 'none', height: 'auto', overflowY: 'visible' });
    }
  });
  await page.mouse.move(0, 0);
  await page.getByTestId('result-fetch-data').screenshot({ path: join(DOCS, file) });
  process.stdout.write(`wrote workshop/docs/${file}\n`);
}

/**
 * The services view while slow-query is on: the worker's p95 well above its
 * p50, and exemplars of the slow requests. Clicks until the view lists an
 * exemplar of 600 ms or more (span metrics reach Prometheus every 15 s).
 */
async function shootServices(page: Page, api: ScenarioApi): Promise<void> {
  const frontend = readTargets().frontend;
  await api.reset();
  await api.set('slow-query', true);
  await page.goto(frontend);
  await expect(page.getByTestId('scenarios-count')).toHaveText('1 scenario active', { timeout: 15_000 });
  const slowest = async () => {
    await page.goto(`${frontend}/services?window=15m&service=worker`);
    const first = page.getByTestId('service-worker').getByTestId('slowest').locator('li').first();
    return (await first.count()) === 0 ? 0 : Number(/(\d+) ms/.exec((await first.textContent()) ?? '')?.[1] ?? 0);
  };
  await expect
    .poll(
      async () => {
        await page.goto(frontend);
        const traceId = page.getByTestId('result-fetch-data').getByTestId('trace-id');
        for (let i = 0; i < 6; i++) {
          await page.getByRole('button', { name: 'Fetch data', exact: true }).click();
          await expect(page.getByTestId('result-fetch-data').getByTestId('status')).not.toHaveText('running…', { timeout: 20_000 });
        }
        await expect(traceId).toHaveText(/[0-9a-f]{32}/);
        return slowest();
      },
      { timeout: 120_000, intervals: [1_000], message: 'an exemplar of a slow worker request on /services' },
    )
    .toBeGreaterThanOrEqual(600);
  await page.addStyleTag({ content: 'header { position: static !important; }' });
  await page.mouse.move(0, 0);
  await page.locator('main').screenshot({ path: join(DOCS, 'services-view.png') });
  process.stdout.write('wrote workshop/docs/services-view.png\n');
}

/**
 * Prometheus's own query page on the worker's query p95 after the slow
 * requests of shootServices: the graph with its exemplar diamonds.
 */
async function shootPrometheusExemplars(page: Page): Promise<void> {
  await page.goto(prometheusQueryPageUrl(LOCAL_URLS.prometheus, WORKER_QUERY_P95_PROMQL));
  await expect(page.getByRole('table', { name: 'Exemplars' })).toContainText('trace_id', { timeout: 15_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(DOCS, 'prometheus-exemplars.png') });
  process.stdout.write('wrote workshop/docs/prometheus-exemplars.png\n');
}

/** The demo page with only `scenario` on, once the page says so; answers the page's URL. */
async function openWithScenario(page: Page, api: ScenarioApi, scenario: ScenarioName): Promise<string> {
  const { frontend } = readTargets();
  await api.reset();
  await api.set(scenario, true);
  await page.goto(frontend);
  await expect(page.getByTestId('scenarios-count')).toHaveText('1 scenario active', { timeout: 15_000 });
  return frontend;
}

/**
 * The page's trace search while slow-query is on (the exercise's link), then
 * the slowest trace it lists on its own page.
 */
async function shootTraceViews(page: Page, api: ScenarioApi): Promise<void> {
  const frontend = await openWithScenario(page, api, 'slow-query');
  for (let i = 0; i < 8; i++) await fetchDataUntil(page, () => true, 1);
  await page.goto(`${frontend}/traces?service=worker&minDuration=500ms&lookback=15m&limit=8`);
  await expect(page.getByTestId('duration-scatter')).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  await page.addStyleTag({ content: 'header { position: static !important; }' });
  await page.mouse.move(0, 0);
  await page.locator('main').screenshot({ path: join(DOCS, 'trace-search.png') });
  process.stdout.write('wrote workshop/docs/trace-search.png\n');
  // A click's trace (the browser's root span), not one of the preflight's or traffic's scripted requests.
  await page.goto(`${frontend}/traces?service=worker&minDuration=500ms&lookback=15m&limit=100`);
  await page.getByTestId('trace-result-link').filter({ hasText: 'frontend-web' }).first().click();
  await expect(page.getByTestId('logs-section').getByTestId('log-line').first()).toBeVisible({ timeout: 15_000 });
  await page.addStyleTag({ content: 'header { position: static !important; }' });
  await page.mouse.move(0, 0);
  await page.locator('main').screenshot({ path: join(DOCS, 'trace-view.png') });
  process.stdout.write('wrote workshop/docs/trace-view.png\n');
}

async function main(): Promise<void> {
  const targets = readTargets();
  const api = new ScenarioApi(targets.nodeApi);
  const browser = await chromium.launch({ executablePath: targets.chromium, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    // The card shows "734 ms" or "1.02 s".
    const slowMs = (latency: string) => {
      const match = /([\d.]+)\s*(ms|s)\b/.exec(latency);
      return match === null ? 0 : Number(match[1]) * (match[2] === 's' ? 1000 : 1);
    };
    await shoot(page, api, 'slow-query', 'slow-query-trace.png', (latency) => slowMs(latency) >= 600);
    await shoot(page, api, 'worker-timeout', 'worker-timeout-trace.png');
    await shoot(page, api, 'n-plus-one', 'n-plus-one-trace.png');
    await api.reset();
    await api.set('flaky-worker', true);
    await page.goto(targets.frontend);
    await expect(page.getByTestId('scenarios-count')).toHaveText('1 scenario active', { timeout: 15_000 });
    await page.getByTestId('scenarios-panel').screenshot({ path: join(DOCS, 'scenarios-panel.png') });
    process.stdout.write('wrote workshop/docs/scenarios-panel.png\n');
    await shootTraceViews(page, api);
    await shootServices(page, api);
    await shootPrometheusExemplars(page);
  } finally {
    await api.reset();
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
