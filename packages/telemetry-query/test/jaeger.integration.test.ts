/**
 * Against the real Jaeger v2 binary (JAEGER_BIN): real OTLP/JSON into its OTLP
 * HTTP receiver, read back through the package's Jaeger store.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTraceStore, detectBackends, findSpan, isAncestor, spanTree, type TraceStore } from '../src/index';
import { backendBinary } from '../testing/backend-binaries';
import { startBackendProcess, waitUntil, type BackendProcess } from '../testing/backend-process';
import { unusedPort } from '../testing/fake-backend';

const TRACE = '5b8efff798038103d269b633813fc60c';
const ROOT = 'eee19b7ec3c1b174';
const SERVER = 'eee19b7ec3c1b175';
const DB = 'eee19b7ec3c1b176';
const T0 = 1_782_900_000_000_000_000n;
const ns = (offsetMs: number) => String(T0 + BigInt(Math.round(offsetMs * 1e6)));
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const resource = (service: string) => ({ attributes: [str('service.name', service), str('service.namespace', 'o11y-demo')] });

/** One click's trace as the services send it: browser root -> node-api server span (failed) -> worker query. */
const exportRequest = {
  resourceSpans: [
    {
      resource: resource('frontend-web'),
      scopeSpans: [
        {
          scope: { name: '@opentelemetry/instrumentation-fetch' },
          spans: [{ traceId: TRACE, spanId: ROOT, name: 'HTTP GET', kind: 3, startTimeUnixNano: ns(0), endTimeUnixNano: ns(40.5), attributes: [str('url.full', 'http://localhost:8001/error')] }],
        },
      ],
    },
    {
      resource: resource('node-api'),
      scopeSpans: [
        {
          scope: { name: '@fastify/otel' },
          spans: [
            {
              traceId: TRACE,
              spanId: SERVER,
              parentSpanId: ROOT,
              name: 'GET /error',
              kind: 2,
              startTimeUnixNano: ns(2),
              endTimeUnixNano: ns(32.25),
              attributes: [
                str('http.route', '/error'),
                { key: 'http.response.status_code', value: { intValue: '500' } },
                { key: 'demo.ratio', value: { doubleValue: 0.25 } },
                { key: 'demo.flag', value: { boolValue: true } },
                { key: 'demo.tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
              ],
              status: { code: 2, message: 'simulated failure' },
              events: [{ timeUnixNano: ns(30), name: 'exception', attributes: [str('exception.type', 'Error'), str('exception.message', 'simulated failure')] }],
            },
          ],
        },
      ],
    },
    {
      resource: resource('worker'),
      scopeSpans: [
        {
          scope: { name: 'worker' },
          spans: [{ traceId: TRACE, spanId: DB, parentSpanId: SERVER, name: 'SELECT items', kind: 3, startTimeUnixNano: ns(5), endTimeUnixNano: ns(25), attributes: [str('db.system.name', 'sqlite')], status: { code: 1 } }],
        },
      ],
    },
  ],
};

describe('Jaeger v2 (real binary)', () => {
  let dir: string;
  let jaeger: BackendProcess | undefined;
  let store: TraceStore;
  let otlpHttp: string;
  let startupMs: number;

  before(async () => {
    const binary = backendBinary('jaeger');
    dir = await mkdtemp(join(tmpdir(), 'telemetry-query-jaeger-'));
    const [queryHttp, queryGrpc, otlpPort] = [await unusedPort(), await unusedPort(), await unusedPort()];
    otlpHttp = `http://127.0.0.1:${otlpPort}`;
    // Memory storage, OTLP/HTTP in, the query API out; nothing on the stack's ports
    // (no healthcheckv2 on 13133, no own metrics on 8888, no self-tracing).
    const config = `
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 1000
  jaeger_query:
    storage:
      traces: memstore
    enable_tracing: false
    http:
      endpoint: 127.0.0.1:${queryHttp}
    grpc:
      endpoint: 127.0.0.1:${queryGrpc}
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${otlpPort}
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
    await writeFile(join(dir, 'jaeger.yaml'), config);
    const started = Date.now();
    const proc = startBackendProcess(binary, ['--config', join(dir, 'jaeger.yaml')], dir);
    jaeger = proc;
    store = createTraceStore('jaeger', `http://127.0.0.1:${queryHttp}`);
    await waitUntil(
      async () => {
        if (proc.exitCode() !== undefined) throw new Error(`jaeger exited with ${proc.exitCode()}:\n${proc.output.join('\n')}`);
        return store.isReady();
      },
      'Jaeger query API',
      () => proc.output.join('\n'),
    );
    startupMs = Date.now() - started;
  });

  after(async () => {
    await jaeger?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts and answers its query API', () => {
    assert.ok(startupMs < 30_000);
    console.log(`# Jaeger query API ready ${startupMs} ms after start`);
  });

  it('is found by detectBackends at its URL, and is not mistaken for Tempo', async () => {
    const { traceStore } = await detectBackends({ traceStore: { url: store.baseUrl }, logStore: { kind: 'victorialogs' } });
    assert.equal(traceStore.kind, 'jaeger');
    // Jaeger's UI placeholder answers 200 HTML on every path, /ready included.
    const asTempo = await createTraceStore('tempo', store.baseUrl).checkReady();
    assert.equal(asTempo.ready, false);
    assert.match(asTempo.detail, /HTTP 200 but not Tempo's answer: <!DOCTYPE html>/);
  });

  it('answers undefined for a trace it does not have', async () => {
    assert.equal(await store.getTrace('0123456789abcdef0123456789abcdef'), undefined);
  });

  it('reads back a trace sent over OTLP/HTTP JSON, every field', async () => {
    const response = await fetch(`${otlpHttp}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(exportRequest) });
    assert.equal(response.status, 200, await response.text());
    const sent = Date.now();
    let spans = await store.getTrace(TRACE);
    while ((spans?.length ?? 0) < 3 && Date.now() - sent < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      spans = await store.getTrace(TRACE);
    }
    console.log(`# trace queryable in Jaeger ${Date.now() - sent} ms after the OTLP export returned`);
    assert.ok(spans, 'the trace arrived');
    assert.equal(spans.length, 3);

    const root = findSpan(spans, (s) => s.service === 'frontend-web', 'browser span');
    const server = findSpan(spans, (s) => s.service === 'node-api' && s.kind === 'SPAN_KIND_SERVER', 'node-api server span');
    const db = findSpan(spans, (s) => s.service === 'worker', 'worker span');

    assert.deepEqual(
      { ...root, attributes: root.attributes['url.full'] },
      {
        traceId: TRACE,
        spanId: ROOT,
        parentSpanId: '',
        name: 'HTTP GET',
        kind: 'SPAN_KIND_CLIENT',
        service: 'frontend-web',
        startTimeUnixMs: 1_782_900_000_000,
        durationMs: 40.5,
        attributes: 'http://localhost:8001/error',
        statusCode: 'STATUS_CODE_UNSET',
        statusMessage: '',
        events: [],
      },
    );
    assert.equal(server.parentSpanId, ROOT);
    assert.equal(server.name, 'GET /error');
    assert.equal(server.startTimeUnixMs, 1_782_900_000_002);
    assert.equal(server.durationMs, 30.25);
    assert.equal(server.statusCode, 'STATUS_CODE_ERROR');
    assert.equal(server.statusMessage, 'simulated failure');
    assert.equal(server.attributes['http.route'], '/error');
    assert.equal(server.attributes['http.response.status_code'], 500);
    assert.equal(server.attributes['demo.ratio'], 0.25);
    assert.equal(server.attributes['demo.flag'], true);
    assert.equal(server.attributes['demo.tags'], '["a","b"]');
    assert.deepEqual(server.events, [
      { name: 'exception', timeUnixMs: 1_782_900_000_030, attributes: { 'exception.type': 'Error', 'exception.message': 'simulated failure' } },
    ]);
    assert.equal(db.parentSpanId, SERVER);
    assert.equal(db.kind, 'SPAN_KIND_CLIENT');
    assert.equal(db.statusCode, 'STATUS_CODE_OK');
    assert.equal(db.attributes['db.system.name'], 'sqlite');
    assert.ok(isAncestor(spans, root, db));
    assert.deepEqual(
      spanTree(spans).map(({ span, depth }) => [span.service, depth]),
      [
        ['frontend-web', 0],
        ['node-api', 1],
        ['worker', 2],
      ],
    );
  });

  it('finds the trace by service, operation, duration, attributes and error, and lists services and operations', async () => {
    const window = { startUnixMs: 1_782_900_000_000 - 3_600_000, endUnixMs: 1_782_900_000_000 + 3_600_000, limit: 10 };
    const found = await store.searchTraces({ ...window, service: 'node-api', operation: 'GET /error', minDurationMs: 30 });
    assert.equal(found.filteredHere, undefined);
    assert.deepEqual(found.traces, [
      {
        traceId: TRACE,
        rootName: 'HTTP GET',
        rootService: 'frontend-web',
        rootMissing: false,
        services: [
          { name: 'frontend-web', spanCount: 1, errorCount: 0 },
          { name: 'node-api', spanCount: 1, errorCount: 1 },
          { name: 'worker', spanCount: 1, errorCount: 0 },
        ],
        spanCount: 3,
        durationMs: 40.5,
        startTimeUnixMs: 1_782_900_000_000,
        error: true,
        matched: [{ spanId: SERVER, name: 'GET /error', service: 'node-api', durationMs: 30.25 }],
      },
    ]);
    // Jaeger's own duration filter: the node-api span takes 30.25 ms.
    assert.deepEqual((await store.searchTraces({ ...window, service: 'node-api', minDurationMs: 31 })).traces, []);
    assert.deepEqual((await store.searchTraces({ ...window, service: 'node-api', maxDurationMs: 30 })).traces, []);
    // Outside the window: nothing.
    assert.deepEqual((await store.searchTraces({ ...window, startUnixMs: window.endUnixMs, endUnixMs: window.endUnixMs + 60_000 })).traces, []);
    // Attributes and errors, filtered by the package over Jaeger's answer.
    const failed = await store.searchTraces({ ...window, errorOnly: true, tags: { 'http.response.status_code': '500', 'service.namespace': 'o11y-demo' } });
    assert.deepEqual(failed.traces.map((trace) => [trace.traceId, trace.matched.map((span) => span.name)]), [[TRACE, ['GET /error']]]);
    assert.ok(failed.filteredHere && failed.filteredHere.scanned >= 1);
    assert.deepEqual((await store.searchTraces({ ...window, service: 'worker', errorOnly: true })).traces, []);
    assert.deepEqual((await store.searchTraces({ ...window, tags: { 'db.system.name': 'postgresql' } })).traces, []);

    assert.deepEqual(await store.listServices(), ['frontend-web', 'node-api', 'worker']);
    assert.deepEqual(await store.listOperations('worker'), ['SELECT items']);
    assert.deepEqual(await store.listOperations('nobody'), []);
  });

  it('links to the trace in its API', async () => {
    const response = await fetch(store.traceApiUrl(TRACE));
    assert.equal(response.status, 200);
    // Jaeger sets no Content-Type here (Go sniffs text/plain); the body is the OTLP JSON.
    const body = (await response.json()) as { result: { resourceSpans: unknown[] } };
    assert.equal(body.result.resourceSpans.length, 3);
  });
});
