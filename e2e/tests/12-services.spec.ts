import { expect, test, type Locator } from '@playwright/test';
import { servicesViewQueries } from '@o11y-demo/telemetry-query';
import { expectExemplarTraceInStore } from '../src/exemplars';
import { clickAction, openDemo } from './demo-page';

const SERVICES = ['node-api', 'worker'] as const;
const CHARTS = ['chart-latency', 'chart-errors', 'chart-rate'] as const;
/** The exemplar dots' colour on the latency chart (ServiceCharts.tsx). */
const EXEMPLAR_RGB = [0xc2, 0x41, 0x0c] as const;

/** Pixels of a chart's canvas that are painted at all, and those in the exemplar colour. */
function paintedPixels(chart: Locator): Promise<{ painted: number; exemplar: number }> {
  return chart.locator('canvas').evaluate((canvas, rgb) => {
    const context = (canvas as HTMLCanvasElement).getContext('2d');
    if (!context) return { painted: 0, exemplar: 0 };
    const { data } = context.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height);
    let painted = 0;
    let exemplar = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0) painted++;
      if (Math.abs(data[i]! - rgb[0]) + Math.abs(data[i + 1]! - rgb[1]) + Math.abs(data[i + 2]! - rgb[2]) < 30 && data[i + 3]! > 200) exemplar++;
    }
    return { painted, exemplar };
  }, EXEMPLAR_RGB);
}

test('/services shows node-api and worker with rate, error and p95 charts, and exemplars that open their trace', async ({ page }) => {
  await openDemo(page);
  const clickedAtS = Date.now() / 1000 - 1;
  for (let i = 0; i < 3; i++) await clickAction(page, 'fetch-data');
  const failed = await clickAction(page, 'trigger-error');

  // Span metrics reach Prometheus at the collector's next flush (every 15 s):
  // reload until both services are there with an exemplar to follow, and the
  // failed click's route is listed.
  const errorRoute = page.getByTestId('service-node-api').getByTestId('operation').filter({ has: page.getByTestId('operation-name').getByText('GET /error', { exact: true }) });
  await expect
    .poll(
      async () => {
        await page.goto('/services?window=5m');
        const counts = await Promise.all(SERVICES.map((service) => page.getByTestId(`service-${service}`).getByTestId('exemplar-link').count()));
        return Math.min(...counts, await errorRoute.count());
      },
      { timeout: 45_000, intervals: [2_000], message: "node-api and worker on /services, each with an exemplar link, and node-api's GET /error" },
    )
    .toBeGreaterThan(0);
  await expect(page.getByTestId('problems')).toHaveCount(0);

  for (const service of SERVICES) {
    const section = page.getByTestId(`service-${service}`);
    await expect(section.getByTestId('service-now')).toHaveText(/latest: [\d.]+ req\/s · (< )?[\d.]+ % errors · p95 [\d.]+ (ms|s)/);
    for (const chart of CHARTS) {
      await expect(section.getByTestId(chart), `${service} ${chart} drawn`).toHaveAttribute('data-drawn', 'true');
      expect((await paintedPixels(section.getByTestId(chart))).painted, `${service} ${chart} canvas has pixels`).toBeGreaterThan(1_000);
    }
    expect((await paintedPixels(section.getByTestId('chart-latency'))).exemplar, `${service} latency chart shows exemplar dots`).toBeGreaterThan(10);
    await expect(section.getByTestId('operation-name').getByText('GET /data', { exact: true })).toHaveCount(1);
  }

  // The failed click counts as an error of node-api's /error route.
  await expect(errorRoute.getByTestId('operation-errors')).not.toHaveText('0 %');
  expect(failed).toMatch(/^[0-9a-f]{32}$/);

  // The view's exemplar query (its worker p95) names traces of this run that
  // the store holds. Read from Prometheus since the first click: the page lists
  // the window's slowest exemplars, and a kept Prometheus may hold slower ones
  // of an earlier run whose traces an in-memory Jaeger forgot.
  const workerP95 = servicesViewQueries({ services: 'worker', rateInterval: '30s' }, { services: 'worker', rateInterval: '5m' }).services.p95;
  await expectExemplarTraceInStore(workerP95, clickedAtS);

  // A listed exemplar opens the page's view of its trace.
  const link = page.getByTestId('service-worker').getByTestId('exemplar-link').first();
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/traces\/[0-9a-f]{32}$/);
  const traceId = href.slice('/traces/'.length);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}$`));
  await expect(page.getByText(traceId).first()).toBeVisible();
});

test('/services filters by service and window from its query string, and refuses what it cannot read', async ({ page, request }) => {
  await page.goto('/services?window=15m&service=worker');
  await expect(page.getByTestId('service-worker')).toBeVisible();
  await expect(page.getByTestId('service-node-api')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Window' }).getByRole('link', { name: '15m' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('navigation', { name: 'Service' }).getByRole('link', { name: 'worker' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('web-vitals')).toBeVisible();

  const answer = await request.get('/api/services?window=5m&service=worker');
  expect(answer.status()).toBe(200);
  const body = (await answer.json()) as { services: { service: string; operations: { name: string }[] }[]; problems: string[] };
  expect(body.problems).toEqual([]);
  expect(body.services.map((section) => section.service)).toEqual(['worker']);
  expect(body.services[0]?.operations.map((operation) => operation.name)).toContain('SELECT inventory');

  const refused = await request.get('/api/services?window=2d&service=a%22b');
  expect(refused.status()).toBe(400);
  const error = (await refused.json()) as { error: string; message: string };
  expect(error.error).toBe('invalid_parameters');
  expect(error.message).toContain('window: expected one of 5m, 15m, 30m, 1h, 3h, 6h');
  expect(error.message).toContain('service: expected a service name');
});
