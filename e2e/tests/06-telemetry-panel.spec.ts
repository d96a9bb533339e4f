import { expect, test, type Locator } from '@playwright/test';
import { backends } from '../src/backends';
import { clickAction, openDemo } from './demo-page';

/**
 * The page proves, under the click, that the telemetry arrived: what a user
 * sees in the result card's telemetry panel, read back by the frontend from
 * the stores that run (Jaeger/VictoriaLogs natively, Tempo/Quickwit under
 * compose). The panel gives up on traces and logs after 20 s and on the
 * span-metrics exemplar after 30 s (the collector flushes span metrics every 15 s).
 */
const TRACE_AND_LOGS = { timeout: 25_000 };
const METRICS = { timeout: 40_000 };

test.describe.configure({ timeout: 90_000 });

/** `service@depth` of every waterfall row, in waterfall order. */
function rowsOf(panel: Locator): Promise<{ service: string; depth: number; name: string; status: string }[]> {
  return panel.getByTestId('span-row').evaluateAll((rows) =>
    rows.map((row) => ({
      service: row.getAttribute('data-service') ?? '',
      depth: Number(row.getAttribute('data-depth')),
      name: row.querySelector('[data-testid="span-name"]')?.textContent ?? '',
      status: row.getAttribute('data-status') ?? '',
    })),
  );
}

async function noteArrival(panel: Locator): Promise<void> {
  const arrival = (await panel.getByTestId('arrival').textContent()) ?? '';
  test.info().annotations.push({ type: 'arrival', description: arrival });
}

test('"Fetch data": the panel shows the waterfall across frontend-web, node-api and worker, the logs, the metric and the arrival times', async ({ page }) => {
  const { traceStore, logStore } = await backends();
  await openDemo(page);
  const traceId = await clickAction(page, 'fetch-data');
  const card = page.getByTestId('result-fetch-data');
  await expect(card.getByTestId('status')).toContainText('200');
  const panel = card.getByTestId('telemetry-panel');

  // The panel names the stores that run.
  await expect(panel.getByTestId('panel-trace')).toContainText(`Trace · ${traceStore.displayName}`);
  await expect(panel.getByTestId('panel-logs')).toContainText(`Logs · ${logStore.displayName}`);

  // Trace: every span, indented along the parent chain browser -> node-api -> worker.
  await expect(panel.getByTestId('panel-trace')).toHaveAttribute('data-complete', 'true', TRACE_AND_LOGS);
  const rows = await rowsOf(panel);
  const firstOf = (service: string) => rows.find((row) => row.service === service);
  const browserRoot = rows[0];
  expect(browserRoot, 'the browser span is the root').toMatchObject({ service: 'frontend-web', depth: 0 });
  expect(firstOf('node-api')?.depth).toBeGreaterThan(Math.max(...rows.filter((row) => row.service === 'frontend-web').map((row) => row.depth)));
  expect(firstOf('worker')?.depth).toBeGreaterThan(firstOf('node-api')!.depth);
  expect(rows.filter((row) => row.service === 'node-api' && row.name === 'GET /data')).toHaveLength(1);
  expect(rows.filter((row) => row.service === 'worker' && row.name === 'GET /data')).toHaveLength(1);
  expect(rows.some((row) => row.status === 'error'), 'no failed span on a successful fetch').toBe(false);
  const counts = panel.getByTestId('span-counts');
  for (const service of ['frontend-web', 'node-api', 'worker']) {
    const count = rows.filter((row) => row.service === service).length;
    await expect(counts.locator(`[data-service="${service}"]`)).toHaveText(`${service} ${count}`);
  }

  // Logs: lines from node-api and the worker, each naming the span it was written in.
  await expect(panel.getByTestId('panel-logs')).toHaveAttribute('data-complete', 'true', TRACE_AND_LOGS);
  const lines = panel.getByTestId('log-line');
  await expect(lines.filter({ hasText: 'inventory served' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'inventory processed' })).toHaveCount(1);
  for (const service of ['node-api', 'worker']) {
    await expect(panel.locator(`[data-testid="log-line"][data-service="${service}"]`).first().getByTestId('log-span')).toHaveText(/^\d+ \S/);
  }

  // Metrics: this trace's exemplar and the counter of the route it hit.
  await expect(panel.getByTestId('panel-metrics')).toHaveAttribute('data-complete', 'true', METRICS);
  // Prometheus keeps only some exemplars of a flush (prometheus/README.md): this trace's, or none.
  await expect(panel.getByTestId('exemplar')).toContainText(/labelled with this trace id|none kept for this trace/);
  await expect(panel.getByTestId('request-counter')).toHaveText(/^\d+ GET \/data on node-api so far/);

  // Arrival, from the click to the first poll that saw each signal complete.
  await expect(panel.getByTestId('arrival-trace')).toHaveText(/^trace complete \d+\.\d s after the click$/);
  await expect(panel.getByTestId('arrival-logs')).toHaveText(/^logs \d+\.\d s$/);
  await expect(panel.getByTestId('arrival-metrics')).toHaveText(/^metric \d+\.\d s$/);
  await expect(panel).toHaveAttribute('data-phase', 'done');
  await noteArrival(panel);

  // The trace store's own record of the trace is one click away.
  await expect(panel.locator('a[data-tool="trace-store"]')).toHaveAttribute('href', new RegExp(traceId));
});

test('"Trigger error": the panel marks the failed span with its exception message and lists the ERROR log', async ({ page }) => {
  await openDemo(page);
  await clickAction(page, 'trigger-error');
  const card = page.getByTestId('result-trigger-error');
  await expect(card.getByTestId('status')).toContainText('500');
  const panel = card.getByTestId('telemetry-panel');

  await expect(panel.getByTestId('panel-trace')).toHaveAttribute('data-complete', 'true', TRACE_AND_LOGS);
  // node-api's server span, by its name (fastify's `request` span below it fails with the same exception).
  const failedServer = panel
    .locator('[data-testid="span-row"][data-service="node-api"][data-status="error"]')
    .filter({ has: page.getByTestId('span-name').getByText('GET /error', { exact: true }) });
  await expect(failedServer).toHaveCount(1);
  await expect(failedServer.getByTestId('span-error')).toHaveText(/Simulated failure in node-api/);
  const rows = await rowsOf(panel);
  expect(new Set(rows.map((row) => row.service))).toEqual(new Set(['frontend-web', 'node-api']));

  await expect(panel.getByTestId('panel-logs')).toHaveAttribute('data-complete', 'true', TRACE_AND_LOGS);
  const severities = await panel
    .locator('[data-testid="log-line"][data-service="node-api"]')
    .evaluateAll((lines) => lines.map((line) => line.getAttribute('data-severity')?.toLowerCase()));
  expect(severities, 'severities of node-api log lines in the panel').toContain('error');

  await expect(panel.getByTestId('panel-metrics')).toHaveAttribute('data-complete', 'true', METRICS);
  await expect(panel.getByTestId('request-counter')).toHaveText(/^\d+ GET \/error on node-api so far/);
  await expect(panel.getByTestId('arrival-trace')).toHaveText(/^trace complete \d+\.\d s after the click$/);
  await noteArrival(panel);
});
