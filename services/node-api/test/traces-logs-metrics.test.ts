import { jsonLine } from '@o11y-demo/telemetry/testing/service-process';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startOtlpReceiver, startTwoServices, type OtlpReceiver, type TwoServices } from './two-services';

const SERVER = 'SPAN_KIND_SERVER';
const CLIENT = 'SPAN_KIND_CLIENT';
const STATUS_ERROR = 'STATUS_CODE_ERROR';
const SEVERITY_ERROR = 17;

let receiver: OtlpReceiver;
let services: TwoServices;

before(async () => {
  receiver = await startOtlpReceiver();
  services = await startTwoServices(receiver.url);
});

after(async () => {
  await services?.stop();
  await receiver?.close();
});

/** A W3C traceparent as the browser would send it, so the test knows the trace id in advance. */
function browserTraceparent(): { header: string; traceId: string; spanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { header: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

function spansOf(traceId: string) {
  return receiver.spans.filter((span) => span.traceId === traceId);
}

describe('one request to /data, one trace through both services', () => {
  const browser = browserTraceparent();
  let body: Record<string, unknown>;

  before(async () => {
    const response = await fetch(`${services.nodeApi.url}/data`, { headers: { traceparent: browser.header } });
    assert.equal(response.status, 200);
    body = (await response.json()) as Record<string, unknown>;
    // The worker's DB span ends last among the spans this test looks at.
    await waitFor(() => spansOf(browser.traceId).some((s) => s.name === 'SELECT inventory') && spansOf(browser.traceId).length >= 4, {
      what: 'the spans of the /data trace',
    });
  });

  it('answers with the combined JSON of node-api and worker', () => {
    assert.equal(body.service, 'node-api');
    assert.equal(body.traceId, browser.traceId);
    assert.equal(body.itemCount, 5);
    const worker = body.worker as { service: string; items: unknown[] };
    assert.equal(worker.service, 'worker');
    assert.equal(worker.items.length, 5);
  });

  it('parents node-api server span on the browser span, and the worker server span on node-api\'s client span', () => {
    const spans = spansOf(browser.traceId);
    const apiServer = spans.find((s) => s.kind === SERVER && s.resource['service.name'] === 'node-api');
    const apiClient = spans.find((s) => s.kind === CLIENT && s.resource['service.name'] === 'node-api');
    const workerServer = spans.find((s) => s.kind === SERVER && s.resource['service.name'] === 'worker');
    assert.ok(apiServer && apiClient && workerServer, `spans seen: ${spans.map((s) => `${String(s.resource['service.name'])}:${s.name}`).join(', ')}`);
    assert.equal(apiServer.parentSpanId, browser.spanId);
    assert.equal(workerServer.parentSpanId, apiClient.spanId);
    // The client span is a descendant of node-api's server span (through fastify's spans).
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    let ancestor = byId.get(apiClient.parentSpanId ?? '');
    while (ancestor && ancestor !== apiServer) ancestor = byId.get(ancestor.parentSpanId ?? '');
    assert.equal(ancestor, apiServer);
  });

  it('names and describes the server spans with the HTTP semantic conventions', () => {
    for (const service of ['node-api', 'worker']) {
      const server = spansOf(browser.traceId).find((s) => s.kind === SERVER && s.resource['service.name'] === service);
      assert.ok(server, `${service} server span`);
      assert.equal(server.name, 'GET /data');
      assert.equal(server.attributes['http.request.method'], 'GET');
      assert.equal(server.attributes['http.route'], '/data');
      assert.equal(server.attributes['http.response.status_code'], 200);
      assert.equal(server.attributes['url.path'], '/data');
      assert.equal(server.attributes['url.scheme'], 'http');
      assert.equal(server.attributes['http.method'], undefined, 'no old-convention attributes');
    }
    const client = spansOf(browser.traceId).find((s) => s.kind === CLIENT && s.resource['service.name'] === 'node-api');
    assert.equal(client?.attributes['http.request.method'], 'GET');
    assert.equal(client?.attributes['http.response.status_code'], 200);
    assert.match(String(client?.attributes['url.full']), /\/data$/);
  });

  it('shows the worker\'s simulated query as a database CLIENT span under the worker server span', () => {
    const spans = spansOf(browser.traceId);
    const workerServer = spans.find((s) => s.kind === SERVER && s.resource['service.name'] === 'worker');
    const query = spans.find((s) => s.name === 'SELECT inventory');
    assert.ok(query && workerServer);
    assert.equal(query.kind, CLIENT);
    assert.equal(query.parentSpanId, workerServer.spanId);
    assert.equal(query.attributes['db.system.name'], 'other_sql');
    assert.equal(query.attributes['db.namespace'], 'shop');
    assert.equal(query.attributes['db.operation.name'], 'SELECT');
    assert.equal(query.attributes['db.collection.name'], 'inventory');
    assert.match(String(query.attributes['db.query.text']), /^SELECT .* FROM inventory/);
    assert.ok(query.durationMs >= 5, 'the query takes a realistic few milliseconds');
  });

  it('puts the demo resource attributes on every span', () => {
    for (const span of spansOf(browser.traceId)) {
      assert.equal(span.resource['service.namespace'], 'o11y-demo');
      assert.equal(span.resource['deployment.environment.name'], 'test', 'OTEL_RESOURCE_ATTRIBUTES overrides the default');
      assert.equal(span.resource['service.version'], '0.1.0');
    }
  });

  it('sends log records from both services with the trace and span ids of the request', async () => {
    const logs = await waitFor(
      () => {
        const inTrace = receiver.logs.filter((l) => l.traceId === browser.traceId);
        const services = new Set(inTrace.map((l) => l.resource['service.name']));
        return services.has('node-api') && services.has('worker') ? inTrace : undefined;
      },
      { what: 'log records of both services in the /data trace' },
    );
    const spanIds = new Set(spansOf(browser.traceId).map((s) => s.spanId));
    for (const log of logs) assert.ok(log.spanId && spanIds.has(log.spanId), `log "${String(log.body)}" points at a span of the trace`);
    assert.ok(logs.some((l) => l.resource['service.name'] === 'node-api' && l.body === 'inventory served'));
    assert.ok(logs.some((l) => l.resource['service.name'] === 'worker' && l.body === 'inventory processed'));
  });

  it('writes the same ids as trace_id/span_id in the JSON on stdout', () => {
    for (const [name, lines] of [['node-api', services.nodeApi.stdout], ['worker', services.worker.stdout]] as const) {
      const records = lines.map(jsonLine).filter((r) => r?.trace_id === browser.traceId);
      assert.ok(records.length > 0, `${name} wrote stdout lines for the trace`);
      for (const record of records) assert.match(String(record?.span_id), /^[0-9a-f]{16}$/);
    }
  });
});

describe('/error fails on purpose, visibly in traces and logs', () => {
  for (const service of ['node-api', 'worker'] as const) {
    it(`${service}: 500, span status ERROR with an exception event, ERROR log with the same trace id`, async () => {
      const browser = browserTraceparent();
      const url = service === 'node-api' ? services.nodeApi.url : services.worker.url;
      const response = await fetch(`${url}/error`, { headers: { traceparent: browser.header } });
      assert.equal(response.status, 500);
      assert.equal(((await response.json()) as { error: string }).error, 'internal_error');

      const server = await waitFor(
        () => spansOf(browser.traceId).find((s) => s.kind === SERVER && s.resource['service.name'] === service),
        { what: `${service} /error server span` },
      );
      assert.equal(server.name, 'GET /error');
      assert.equal(server.statusCode, STATUS_ERROR);
      assert.equal(server.attributes['http.response.status_code'], 500);
      const exception = server.events.find((e) => e.name === 'exception');
      assert.equal(exception?.attributes['exception.type'], 'DemoFailure');
      assert.match(String(exception?.attributes['exception.message']), /fails on purpose/);
      assert.match(String(exception?.attributes['exception.stacktrace']), /DemoFailure/);

      const errorLog = await waitFor(
        () => receiver.logs.find((l) => l.traceId === browser.traceId && l.severityNumber >= SEVERITY_ERROR),
        { what: `${service} ERROR log record` },
      );
      assert.equal(errorLog.resource['service.name'], service);
      assert.equal(errorLog.attributes['exception.type'], 'DemoFailure');
      assert.match(String(errorLog.attributes['exception.stacktrace']), /DemoFailure/);
      assert.ok(errorLog.spanId);
    });
  }
});

describe('metrics', () => {
  before(async () => {
    // One more of each so the counters and histograms have points regardless of test order.
    assert.equal((await fetch(`${services.nodeApi.url}/data`)).status, 200);
    assert.equal((await fetch(`${services.nodeApi.url}/error`)).status, 500);
  });

  for (const service of ['node-api', 'worker']) {
    it(`${service}: http.server.request.duration by route, method and status code`, async () => {
      const point = await waitFor(
        () =>
          receiver.metrics.find(
            (m) =>
              m.name === 'http.server.request.duration' &&
              m.resource['service.name'] === service &&
              m.attributes['http.route'] === '/data' &&
              m.attributes['http.request.method'] === 'GET' &&
              m.attributes['http.response.status_code'] === 200,
          ),
        { what: `${service} request duration histogram for /data` },
      );
      assert.equal(point.type, 'histogram');
      assert.ok((point.count ?? 0) >= 1);
      if (service === 'node-api') {
        const failed = await waitFor(
          () =>
            receiver.metrics.find(
              (m) =>
                m.name === 'http.server.request.duration' &&
                m.resource['service.name'] === service &&
                m.attributes['http.route'] === '/error' &&
                m.attributes['http.response.status_code'] === 500,
            ),
          { what: 'node-api request duration for the failed /error' },
        );
        assert.ok((failed.count ?? 0) >= 1);
      }
    });

    it(`${service}: Node runtime metrics`, async () => {
      await waitFor(
        () => receiver.metrics.find((m) => m.resource['service.name'] === service && m.name.startsWith('nodejs.eventloop.')),
        { what: `${service} event loop metrics` },
      );
      await waitFor(
        () => receiver.metrics.find((m) => m.resource['service.name'] === service && m.name.startsWith('v8js.memory.heap')),
        { what: `${service} V8 heap metrics` },
      );
    });
  }

  it('counts the business metrics demo.items.served (node-api) and demo.items.processed (worker)', async () => {
    for (const [service, name] of [['node-api', 'demo.items.served'], ['worker', 'demo.items.processed']]) {
      const point = await waitFor(
        () => receiver.metrics.find((m) => m.name === name && m.resource['service.name'] === service && (m.value ?? 0) >= 5),
        { what: `${name} from ${service}` },
      );
      assert.equal(point.type, 'sum');
    }
  });
});
