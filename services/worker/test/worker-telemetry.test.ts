import { startOtlpReceiver, type OtlpReceiver } from '@o11y-demo/telemetry/testing/otlp-receiver';
import { jsonLine, startServiceProcess, type ServiceProcess } from '@o11y-demo/telemetry/testing/service-process';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';

let receiver: OtlpReceiver;
let worker: ServiceProcess;

before(async () => {
  receiver = await startOtlpReceiver();
  worker = await startServiceProcess({
    entry: join(__dirname, '..', 'dist', 'main.js'),
    env: {
      PORT: '0',
      OTEL_SDK_DISABLED: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_BLRP_SCHEDULE_DELAY: '50',
      OTEL_METRIC_EXPORT_INTERVAL: '250',
    },
  });
});

after(async () => {
  await worker?.stop();
  await receiver?.close();
});

it('GET /data: server span named by route, DB and CPU child spans, counted items, correlated logs', async () => {
  const response = await fetch(`${worker.url}/data`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as { traceId: string; items: unknown[]; summary: { totalQuantity: number } };
  assert.equal(body.items.length, 5);
  assert.ok(body.summary.totalQuantity > 0);

  const spans = await waitFor(
    () => {
      const inTrace = receiver.spans.filter((s) => s.traceId === body.traceId);
      return inTrace.length >= 3 ? inTrace : undefined;
    },
    { what: 'the spans of the /data trace' },
  );
  const server = spans.find((s) => s.kind === 'SPAN_KIND_SERVER');
  assert.ok(server);
  assert.equal(server.name, 'GET /data');
  assert.equal(server.attributes['http.route'], '/data');
  assert.equal(server.resource['service.name'], 'worker');
  for (const name of ['SELECT inventory', 'summarise stock']) {
    assert.equal(spans.find((s) => s.name === name)?.parentSpanId, server.spanId, `${name} is a child of the server span`);
  }

  const log = await waitFor(() => receiver.logs.find((l) => l.traceId === body.traceId && l.body === 'inventory processed'), {
    what: 'the worker log record',
  });
  assert.equal(log.spanId, server.spanId);
  assert.equal(log.severityText, 'info');
  assert.equal(log.attributes['demo.items.count'], 5);
  const stdout = worker.stdout.map(jsonLine).find((r) => r?.message === 'inventory processed' && r.trace_id === body.traceId);
  assert.equal(stdout?.span_id, server.spanId);

  await waitFor(() => receiver.metrics.find((m) => m.name === 'demo.items.processed' && (m.value ?? 0) >= 5), {
    what: 'demo.items.processed',
  });
  await waitFor(
    () => receiver.metrics.find((m) => m.name === 'http.server.request.duration' && m.attributes['http.route'] === '/data'),
    { what: 'request duration for /data' },
  );
});

it('unknown routes get a 404 without an http.route (no unbounded label values)', async () => {
  const response = await fetch(`${worker.url}/a/b/c`);
  assert.equal(response.status, 404);
  assert.deepEqual(await response.json(), { error: 'not_found', message: 'No route for GET /a/b/c' });
  const point = await waitFor(
    () =>
      receiver.metrics.find(
        (m) => m.name === 'http.server.request.duration' && m.attributes['http.response.status_code'] === 404,
      ),
    { what: 'request duration for the 404' },
  );
  assert.equal(point.attributes['http.route'], undefined);
});
