import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BackendError, createTraceStore } from '../src/index';
import { startFakeBackend, unusedPort, type FakeBackend } from '../testing/fake-backend';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const B64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

const otlpSpans = (ids: { traceId: string; spanId: string }, kind: number | string) => [
  {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend-web' } }] },
    scopeSpans: [{ scope: { name: 'x' }, spans: [{ ...ids, name: 'click', kind, startTimeUnixNano: '1000000', endTimeUnixNano: '3000000' }] }],
  },
];

describe('Jaeger trace store (fake API)', () => {
  let fake: FakeBackend;
  before(async () => {
    fake = await startFakeBackend();
  });
  after(() => fake.close());

  it('reads /api/v3/traces/<id> and lowercases the id in the URL', async () => {
    fake.route(`GET /api/v3/traces/${TRACE}`, { body: { result: { resourceSpans: otlpSpans({ traceId: TRACE, spanId: '00f067aa0ba902b7' }, 1) } } });
    const store = createTraceStore('jaeger', `${fake.url}/`);
    assert.equal(store.baseUrl, fake.url);
    assert.equal(store.displayName, 'Jaeger');
    const spans = await store.getTrace(TRACE.toUpperCase());
    assert.equal(spans?.length, 1);
    assert.deepEqual(
      { service: spans?.[0]?.service, kind: spans?.[0]?.kind, durationMs: spans?.[0]?.durationMs, startTimeUnixMs: spans?.[0]?.startTimeUnixMs },
      { service: 'frontend-web', kind: 'SPAN_KIND_INTERNAL', durationMs: 2, startTimeUnixMs: 1 },
    );
    assert.equal(fake.requests.at(-1)?.headers.accept, 'application/json');
    assert.equal(store.traceApiUrl(TRACE), `${fake.url}/api/v3/traces/${TRACE}`);
  });

  it('answers undefined for a trace Jaeger does not have (404)', async () => {
    fake.route('GET /api/v3/traces/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', {
      status: 404,
      body: { error: { httpCode: 404, message: 'No traces found' } },
    });
    assert.equal(await createTraceStore('jaeger', fake.url).getTrace('a'.repeat(32)), undefined);
  });

  it('throws a BackendError naming Jaeger, the URL and the status for other errors', async () => {
    fake.route('GET /api/v3/traces/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', { status: 500, body: { error: { httpCode: 500, message: 'storage down' } } });
    const url = `${fake.url}/api/v3/traces/${'b'.repeat(32)}`;
    await assert.rejects(createTraceStore('jaeger', fake.url).getTrace('b'.repeat(32)), (error: unknown) => {
      assert.ok(error instanceof BackendError);
      assert.equal(error.backend, 'Jaeger');
      assert.equal(error.status, 500);
      assert.equal(error.url, url);
      assert.match(error.message, new RegExp(`^Jaeger: GET ${url} answered HTTP 500: .*storage down`));
      return true;
    });
  });

  it('fails clearly on an unexpected shape or a body that is not JSON', async () => {
    fake.route('GET /api/v3/traces/cccccccccccccccccccccccccccccccc', { body: { data: [] } });
    await assert.rejects(createTraceStore('jaeger', fake.url).getTrace('c'.repeat(32)), /Jaeger: .* answered an unexpected shape[\s\S]*result/);
    fake.route('GET /api/v3/traces/dddddddddddddddddddddddddddddddd', { body: '<html>proxy error</html>' });
    await assert.rejects(createTraceStore('jaeger', fake.url).getTrace('d'.repeat(32)), /Jaeger: .* answered something that is not JSON: <html>proxy error/);
  });

  it('refuses a malformed trace id before asking', async () => {
    const count = fake.requests.length;
    await assert.rejects(createTraceStore('jaeger', fake.url).getTrace('../api/v3/services'), /not a trace id/);
    assert.equal(fake.requests.length, count);
  });

  it('is ready when /api/v3/services answers Jaeger JSON', async () => {
    const store = createTraceStore('jaeger', fake.url);
    fake.route('GET /api/v3/services', { body: {} });
    assert.equal(await store.isReady(), true);
    fake.route('GET /api/v3/services', { body: { services: ['node-api'] } });
    assert.equal(await store.isReady(), true);
    fake.route('GET /api/v3/services', { body: 'hello' });
    assert.equal(await store.isReady(), false);
    fake.route('GET /api/v3/services', { status: 503, body: 'starting' });
    assert.deepEqual(await store.checkReady(), { ready: false, detail: 'HTTP 503' });
  });

  it('is not ready when nothing listens, and says why', async () => {
    const store = createTraceStore('jaeger', `http://127.0.0.1:${await unusedPort()}`);
    const readiness = await store.checkReady();
    assert.equal(readiness.ready, false);
    assert.match(readiness.detail, /ECONNREFUSED/);
  });

  it('bounds each call with its timeout', async () => {
    fake.route('GET /api/v3/traces/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', { delayMs: 2000, body: {} });
    const started = Date.now();
    await assert.rejects(createTraceStore('jaeger', fake.url, { timeoutMs: 150 }).getTrace('e'.repeat(32)), /Jaeger: GET .* did not answer within 150 ms/);
    assert.ok(Date.now() - started < 1500);
    fake.route('GET /api/v3/services', { delayMs: 2000, body: {} });
    assert.deepEqual(await createTraceStore('jaeger', fake.url, { probeTimeoutMs: 100 }).checkReady(), { ready: false, detail: 'no answer within 100 ms' });
  });

  it("stops when the caller's signal aborts, with the caller's reason", async () => {
    fake.route('GET /api/v3/traces/ffffffffffffffffffffffffffffffff', { delayMs: 2000, body: {} });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('page closed')), 50);
    await assert.rejects(createTraceStore('jaeger', fake.url).getTrace('f'.repeat(32), controller.signal), /page closed/);
    await assert.rejects(createTraceStore('jaeger', fake.url).isReady(AbortSignal.abort(new Error('gone'))), /gone/);
  });
});

describe('Tempo trace store (fake API)', () => {
  let fake: FakeBackend;
  before(async () => {
    fake = await startFakeBackend();
  });
  after(() => fake.close());

  it('reads /api/v2/traces/<id> with base64 ids', async () => {
    fake.route(`GET /api/v2/traces/${TRACE}`, {
      body: { trace: { resourceSpans: otlpSpans({ traceId: B64(TRACE), spanId: B64('00f067aa0ba902b7') }, 'SPAN_KIND_SERVER') } },
    });
    const store = createTraceStore('tempo', fake.url);
    const spans = await store.getTrace(TRACE);
    assert.equal(spans?.[0]?.traceId, TRACE);
    assert.equal(spans?.[0]?.spanId, '00f067aa0ba902b7');
    assert.equal(spans?.[0]?.kind, 'SPAN_KIND_SERVER');
    assert.equal(store.traceApiUrl(TRACE), `${fake.url}/api/v2/traces/${TRACE}`);
  });

  it('answers undefined on 404 and on an empty trace', async () => {
    fake.route('GET /api/v2/traces/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', { status: 404, body: 'trace not found' });
    fake.route('GET /api/v2/traces/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', { body: { trace: {} } });
    const store = createTraceStore('tempo', fake.url);
    assert.equal(await store.getTrace('a'.repeat(32)), undefined);
    assert.equal(await store.getTrace('b'.repeat(32)), undefined);
  });

  it('is ready when /ready says ready', async () => {
    const store = createTraceStore('tempo', fake.url);
    fake.route('GET /ready', { body: 'ready\n' });
    assert.equal(await store.isReady(), true);
    fake.route('GET /ready', { status: 503, body: 'Ingester not ready' });
    assert.equal(await store.isReady(), false);
  });
});
