import { expect, test, type Page } from '@playwright/test';
import { isProcessAlive, readStackState } from '@o11y-demo/stack';
import { prometheusQueryPageUrl } from '@o11y-demo/telemetry-query';
import { backends } from '../src/backends';
import { expectExemplarTraceInStore } from '../src/exemplars';
import { clickAction, openDemo } from './demo-page';

// Prometheus's own web UI, as the native stack builds it from the module's
// web/ui (docker compose runs the image, which has it compiled in): pages that
// render, not HTTP 500, and the demo's alerts and span metrics in them. The
// native stack's build carries prometheus/build/ui-show-exemplars.patch, so
// its graph draws exemplars; the image's graph does not.

test.describe.configure({ timeout: 120_000 });

/** The workshop's slow-query lens: p95 of the worker's database query, from the span-metrics histogram. */
const SPAN_SELECTOR = 'traces_span_metrics_duration_seconds_bucket{service_name="worker", span_name="SELECT inventory"}';
const WORKER_QUERY_P95 = `histogram_quantile(0.95, sum by (le) (rate(${SPAN_SELECTOR}[1m])))`;
const DEMO_ALERTS = ['TelemetryDropped', 'TelemetryExportStalled', 'TelemetryQueueFilling'];

/** The colour the patched graph fills an exemplar's diamond with (light theme). */
const EXEMPLAR_FILL = [0xe8, 0x59, 0x0c];

/** Where the graph's canvas has exemplar-coloured pixels: the first one, in page coordinates, and how many. */
function findExemplarMarker(page: Page): Promise<{ count: number; x: number; y: number }> {
  return page.locator('.uplot canvas').first().evaluate((canvas: HTMLCanvasElement, [r, g, b]) => {
    const { data, width } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    let count = 0;
    let first = -1;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] === r && data[i + 1] === g && data[i + 2] === b) {
        count++;
        if (first < 0) first = i / 4;
      }
    }
    // The first pixel is a diamond's top corner: a few pixels lower is its middle.
    return { count, x: box.left + (first % width) / scale, y: box.top + (Math.floor(first / width) + 4) / scale };
  }, EXEMPLAR_FILL);
}

/**
 * Whether the demo under test is the native stack, whose Prometheus serves the
 * patched UI: its state file names a Prometheus and its runner still runs (a
 * file left by a stack that is gone says nothing about a compose run).
 */
function servesPatchedUi(): boolean {
  const state = readStackState();
  return state !== null && isProcessAlive(state.runnerPid) && state.components.some((component) => component.name === 'prometheus');
}

/** Every response of the page from Prometheus that answered 5xx (the UI's own API calls included). */
function serverErrors(page: Page, baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  const errors: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).origin === origin && response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

test("the query page graphs the worker's query p95, and that histogram's exemplars name a clicked trace", async ({ page }) => {
  const { metricStore } = await backends();
  await openDemo(page);
  const clickedAtS = Date.now() / 1000 - 1;
  await clickAction(page, 'fetch-data');
  // rate() over 1m needs two span-metrics flushes (every 15 s); clicks keep the series fed meanwhile.
  await expect
    .poll(
      async () => {
        await clickAction(page, 'fetch-data');
        return (await metricStore.query(WORKER_QUERY_P95)).filter((sample) => Number.isFinite(Number(sample.value[1]))).length;
      },
      { timeout: 75_000, intervals: [3_000], message: `${WORKER_QUERY_P95} has a value` },
    )
    .toBeGreaterThan(0);

  // What a graph with exemplars shows: the exemplars Prometheus keeps for this
  // very expression, each naming a trace the trace store resolves.
  const newest = await expectExemplarTraceInStore(WORKER_QUERY_P95, clickedAtS);
  test.info().annotations.push({ type: 'exemplar', description: `${newest} on ${WORKER_QUERY_P95}` });

  const errors = serverErrors(page, metricStore.baseUrl);
  const rangeQuery = page.waitForResponse((response) => response.url().includes('/api/v1/query_range') && response.request().method() !== 'OPTIONS');
  await page.goto(prometheusQueryPageUrl(metricStore.baseUrl, WORKER_QUERY_P95));
  const answer = await rangeQuery;
  expect(answer.status(), 'the UI range query').toBe(200);
  const body = (await answer.json()) as { status: string; data: { result: unknown[] } };
  expect(body.data.result.length, 'series the UI graphs').toBeGreaterThan(0);
  // The expression is in the editor and the graph tab draws it (uPlot renders into a canvas).
  await expect(page.locator('.cm-content').first()).toContainText('histogram_quantile');
  await expect(page.locator('.uplot canvas').first()).toBeVisible();

  if (servesPatchedUi()) {
    // The graph lists the exemplars below it, newest first: no click came after that exemplar's.
    const table = page.getByRole('table', { name: 'Exemplars' });
    await expect(table, 'the exemplar list below the graph').toContainText(`trace_id="${newest}"`);
    // ... and draws them: diamonds on the canvas, and over one its labels name a trace.
    const marker = await findExemplarMarker(page);
    expect(marker.count, 'exemplar-coloured pixels on the graph').toBeGreaterThan(0);
    await page.mouse.move(marker.x, marker.y);
    await expect(page.locator('.u-over .u-tooltip'), "the hovered exemplar's labels").toContainText(/trace_id: [0-9a-f]{32}/);
  }
  expect(errors, 'Prometheus responses with 5xx').toEqual([]);
});

test('/alerts lists the telemetry-loss alerts, /rules and /targets render, and nothing answers 5xx', async ({ page }) => {
  const { metricStore } = await backends();
  const errors = serverErrors(page, metricStore.baseUrl);

  await page.goto(`${metricStore.baseUrl}/alerts`);
  for (const alert of DEMO_ALERTS) await expect(page.getByText(alert, { exact: true }).first(), `/alerts lists ${alert}`).toBeVisible();

  await page.goto(`${metricStore.baseUrl}/rules`);
  for (const alert of DEMO_ALERTS) await expect(page.getByText(alert, { exact: true }).first(), `/rules lists ${alert}`).toBeVisible();

  await page.goto(`${metricStore.baseUrl}/targets`);
  // The scrape jobs of prometheus/prometheus.yml that run in every setup.
  for (const job of ['prometheus', 'otel-collector']) await expect(page.getByText(job, { exact: true }).first(), `/targets shows ${job}`).toBeVisible();

  expect(errors, 'Prometheus responses with 5xx').toEqual([]);
});
