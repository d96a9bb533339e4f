import { DemoPage } from './support/demo-page';
import { expect, test } from './support/otlp-recorder';
import { answerTelemetryRoute, EXCEPTION_MESSAGE, fetchDataReport, triggerErrorReport } from './support/telemetry-reports';

test('with no store running, the panel says which one is unreachable, and the page links nowhere dead', async ({ page, otlp }) => {
  const demo = new DemoPage(page);
  await demo.open();
  const poll = page.waitForRequest((request) => request.url().includes('/api/telemetry/'));
  await demo.run('fetch-data', /^200\b/);
  // Each poll asks the server not to trace it: a W3C traceparent with the sampled flag off.
  expect((await poll).headers()['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);

  const panel = demo.result('fetch-data').getByTestId('telemetry-panel');
  await expect(panel.getByTestId('panel-trace').getByTestId('signal-status')).toHaveText(/^Jaeger unreachable: .*ECONNREFUSED/);
  await expect(panel.getByTestId('panel-logs').getByTestId('signal-status')).toHaveText(/^VictoriaLogs unreachable: /);
  await expect(panel.getByTestId('panel-metrics').getByTestId('signal-status')).toHaveText(/^Prometheus unreachable: /);
  await expect(panel.getByTestId('arrival')).toHaveText('trace complete … · logs … · metric …');

  // Nothing runs, so there is nothing to link to: no Grafana (GRAFANA_URL unset), no store.
  // The only links are the page's own views (header, the card's trace id).
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^\/(traces(\/[0-9a-f]{32})?|services)?$/);
  // The page names what is configured, and nothing else.
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).toContain('Jaeger');
  expect(text).toContain('VictoriaLogs');
  expect(text).not.toMatch(/Tempo|Quickwit|Grafana/);

  // The panel's polls are the page's own business, not traces of what the visitor did.
  await expect.poll(() => otlp.spans.filter((span) => span.name === 'click').length).toBeGreaterThan(0);
  const polled = otlp.spans.filter((span) => String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? '').includes('/api/telemetry/'));
  expect(polled).toEqual([]);
});

test('"Fetch data": the panel fills in the waterfall, the log lines, the metric and the arrival times', async ({ page }) => {
  await answerTelemetryRoute(page, fetchDataReport);
  const demo = new DemoPage(page);
  await demo.open();
  await demo.run('fetch-data', /^200\b/);
  const panel = demo.result('fetch-data').getByTestId('telemetry-panel');

  // First the stores are still empty...
  await expect(panel.getByTestId('panel-trace').getByTestId('signal-status')).toHaveText(/waiting for spans from frontend-web, spans from node-api, spans from worker/);
  // ...then everything is there, and the polling stops.
  await expect(panel).toHaveAttribute('data-phase', 'done');

  const rows = panel.getByTestId('span-row');
  await expect(rows).toHaveCount(7);
  await expect(rows.getByTestId('span-name')).toHaveText(['click', 'demo: fetch data', 'GET', 'GET /data', 'GET', 'GET /data', 'SELECT inventory']);
  // The parent chain browser -> node-api -> worker, by indentation.
  expect(await rows.evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-service')}@${element.getAttribute('data-depth')}`))).toEqual([
    'frontend-web@0',
    'frontend-web@1',
    'frontend-web@2',
    'node-api@3',
    'node-api@4',
    'worker@5',
    'worker@6',
  ]);
  await expect(panel.getByTestId('span-counts')).toContainText('frontend-web 3');
  await expect(panel.getByTestId('span-counts')).toContainText('node-api 2');
  await expect(panel.getByTestId('span-counts')).toContainText('worker 2');

  const lines = panel.getByTestId('log-line');
  await expect(lines).toHaveCount(3);
  await expect(lines.first().getByTestId('log-body')).toHaveText('inventory processed');
  // Each line names its span by its number in the waterfall.
  await expect(lines.first().getByTestId('log-span')).toHaveText('6 GET /data');

  await expect(panel.getByTestId('exemplar')).toContainText("from node-api's GET /data span");
  await expect(panel.getByTestId('request-counter')).toContainText('42 GET /data on node-api so far');

  await expect(panel.getByTestId('arrival-trace')).toHaveText(/^trace complete \d+\.\d s after the click$/);
  await expect(panel.getByTestId('arrival-logs')).toHaveText(/^logs \d+\.\d s$/);
  await expect(panel.getByTestId('arrival-metrics')).toHaveText(/^metric \d+\.\d s$/);
  for (const section of ['panel-trace', 'panel-logs', 'panel-metrics']) {
    await expect(panel.getByTestId(section).getByTestId('signal-status')).toHaveText(/^complete, \d+\.\d s after the click$/);
  }
});

test('"Trigger error": the failed span is marked with its exception message, and its ERROR log is listed', async ({ page }) => {
  await answerTelemetryRoute(page, triggerErrorReport, 0);
  const demo = new DemoPage(page);
  await demo.open();
  await demo.run('trigger-error', /^500\b/);
  const panel = demo.result('trigger-error').getByTestId('telemetry-panel');
  await expect(panel).toHaveAttribute('data-phase', 'done');

  const failed = panel.locator('[data-testid="span-row"][data-status="error"]');
  await expect(failed).toHaveCount(2);
  await expect(panel.locator('[data-testid="span-row"][data-service="node-api"][data-status="error"]').getByTestId('span-error')).toHaveText(
    `DemoFailure: ${EXCEPTION_MESSAGE}`,
  );
  await expect(panel.getByTestId('log-line')).toHaveText([/node-api\s*error\s*request errored/]);
  await expect(panel.getByTestId('panel-trace').getByTestId('signal-status')).toHaveText(/^complete/);
});

test('a span-metrics flush after the trace arrived, without its exemplar, settles the metric: Prometheus kept none', async ({ page }) => {
  // Prometheus keeps only some of the exemplars one flush brings; the panel
  // waits for a flush after the trace's arrival, not for an exemplar that may never come.
  await answerTelemetryRoute(page, (traceId) => {
    const report = fetchDataReport(traceId);
    if (report.metrics.state !== 'answered') throw new Error('fixture: fetchDataReport answers the metrics');
    return { ...report, metrics: { ...report.metrics, exemplar: null, spanMetricsAtUnixMs: Date.now() + 1_000 } };
  });
  const demo = new DemoPage(page);
  await demo.open();
  await demo.run('fetch-data', /^200\b/);
  const panel = demo.result('fetch-data').getByTestId('telemetry-panel');
  await expect(panel.getByTestId('panel-metrics')).toHaveAttribute('data-complete', 'true');
  await expect(panel.getByTestId('exemplar')).toContainText('none kept for this trace');
  await expect(panel).toHaveAttribute('data-phase', 'done');
});
