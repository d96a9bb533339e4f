import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BackendError, createLogStore, rfc3339ToUnixMs, QuickwitLogStore, VictoriaLogsStore } from '../src/index';
import { startFakeBackend, type FakeBackend } from '../testing/fake-backend';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/** Two records as VictoriaLogs' /select/logsql/query answers them: JSON lines, every value a string. */
const vlLines = [
  {
    _time: '2026-07-01T10:00:00.250000001Z',
    _stream_id: '00000000000000003ed5c1ec5d2b3e6c2d8a5a4e4ff6e8f1',
    _stream: '{deployment.environment.name="dev",service.name="worker"}',
    _msg: 'second',
    'service.name': 'worker',
    'deployment.environment.name': 'dev',
    'service.version': '0.1.0',
    'scope.name': 'winston',
    'scope.version': '0.34.0',
    severity_number: '17',
    severity_text: 'ERROR',
    span_id: '00f067aa0ba902b7',
    trace_id: TRACE,
    'http.route': '/data',
    'duration.ms': '12.5',
  },
  {
    _time: '2026-07-01T10:00:00.1Z',
    _stream: '{service.name="worker"}',
    _msg: 'first',
    'service.name': 'worker',
    severity_number: '9',
    severity_text: 'INFO',
    trace_id: TRACE,
    span_id: '00f067aa0ba902b7',
  },
];

describe('VictoriaLogs (fake API)', () => {
  let fake: FakeBackend;
  before(async () => {
    fake = await startFakeBackend();
  });
  after(() => fake.close());

  it('asks trace_id:="<hex>" and reads the JSON lines, oldest first', async () => {
    fake.route('GET /select/logsql/query', { body: `${vlLines.map((line) => JSON.stringify(line)).join('\n')}\n`, contentType: 'application/stream+json' });
    const store = createLogStore('victorialogs', fake.url);
    const records = await store.findLogsByTraceId(TRACE.toUpperCase());
    const request = fake.requests.at(-1);
    assert.equal(request?.query.get('query'), `trace_id:="${TRACE}"`);
    assert.equal(request?.query.get('limit'), '1000');
    assert.deepEqual(
      records.map((r) => r.body),
      ['first', 'second'],
    );
    assert.deepEqual(records[1], {
      timeUnixMs: Date.parse('2026-07-01T10:00:00.250Z') + 0.000001,
      service: 'worker',
      traceId: TRACE,
      spanId: '00f067aa0ba902b7',
      severityText: 'ERROR',
      severityNumber: 17,
      body: 'second',
      attributes: { 'deployment.environment.name': 'dev', 'service.version': '0.1.0', 'http.route': '/data', 'duration.ms': '12.5' },
    });
  });

  it('asks a service\'s records since a time, the newest `limit`', async () => {
    fake.route('GET /select/logsql/query', { body: '' });
    const store = createLogStore('victorialogs', fake.url);
    assert.deepEqual(await store.findServiceLogs('frontend-web', { sinceUnixMs: Date.parse('2026-07-01T10:00:00Z'), limit: 50 }), []);
    const request = fake.requests.at(-1);
    assert.equal(request?.query.get('query'), '"service.name":="frontend-web"');
    assert.equal(request?.query.get('start'), '2026-07-01T10:00:00.000Z');
    assert.equal(request?.query.get('limit'), '50');
  });

  it('flushes first when asked to', async () => {
    fake.route('GET /internal/force_flush', { body: '' });
    fake.route('GET /select/logsql/query', { body: '' });
    const before = fake.requests.length;
    await createLogStore('victorialogs', fake.url, { flushBeforeQuery: true }).findLogsByTraceId(TRACE);
    assert.deepEqual(
      fake.requests.slice(before).map((r) => r.path),
      ['/internal/force_flush', '/select/logsql/query'],
    );
  });

  it('fails clearly on errors and on lines it cannot read', async () => {
    fake.route('GET /select/logsql/query', { status: 400, body: 'cannot parse query [trace_id:=]: missing value' });
    await assert.rejects(createLogStore('victorialogs', fake.url).findLogsByTraceId(TRACE), (error: unknown) => {
      assert.ok(error instanceof BackendError);
      assert.equal(error.status, 400);
      assert.match(error.message, /^VictoriaLogs: GET http:\/\/127\.0\.0\.1:\d+\/select\/logsql\/query\?query=.* answered HTTP 400: cannot parse query/);
      return true;
    });
    fake.route('GET /select/logsql/query', { body: '{"_time":"2026-07-01T10:00:00Z","_msg":1}\n' });
    await assert.rejects(createLogStore('victorialogs', fake.url).findLogsByTraceId(TRACE), /VictoriaLogs: .* answered an unexpected shape/);
    fake.route('GET /select/logsql/query', { body: '{"_msg":"no time"}\n' });
    await assert.rejects(createLogStore('victorialogs', fake.url).findLogsByTraceId(TRACE), /without a readable _time/);
  });

  it('is ready when /health says OK, and links to vmui with the query filled in', async () => {
    fake.route('GET /health', { body: 'OK' });
    const store = createLogStore('victorialogs', fake.url);
    assert.equal(await store.isReady(), true);
    assert.equal(store.searchUiUrl(TRACE), `${fake.url}/select/vmui/#/?query=trace_id%3A%3D%22${TRACE}%22&g0.range_input=24h&g0.relative_time=last_24_hours`);
    assert.ok(store instanceof VictoriaLogsStore);
  });

  it('parses RFC 3339 times with nanoseconds and offsets', () => {
    assert.equal(rfc3339ToUnixMs('1970-01-01T00:00:01.5Z'), 1500);
    assert.equal(rfc3339ToUnixMs('1970-01-01T01:00:00.000000250+01:00'), 0.00025);
    assert.ok(Number.isNaN(rfc3339ToUnixMs('yesterday')));
  });
});

/** A hit of Quickwit's otel-logs-v0_9 index (hex ids, nanosecond timestamps, JSON attributes). */
const quickwitHit = {
  timestamp_nanos: 1782900000250000000,
  observed_timestamp_nanos: 1782900000250000000,
  service_name: 'node-api',
  severity_text: 'ERROR',
  severity_number: 17,
  body: { message: 'request failed' },
  attributes: { 'http.route': '/error', retry: { count: 2 }, tags: ['a', 'b'] },
  resource_attributes: { 'service.version': '0.1.0', 'http.route': 'resource loses' },
  trace_id: TRACE,
  span_id: '00f067aa0ba902b7',
  trace_flags: 1,
  scope_name: 'pino',
};

describe('Quickwit (fake API)', () => {
  let fake: FakeBackend;
  before(async () => {
    fake = await startFakeBackend();
  });
  after(() => fake.close());

  it('searches trace_id:<hex> in otel-logs-v0_9 and reads the hits', async () => {
    fake.route('GET /api/v1/otel-logs-v0_9/search', { body: { num_hits: 2, hits: [quickwitHit, { ...quickwitHit, body: 'plain', timestamp_nanos: 1782900000000000000 }], elapsed_time_micros: 900 } });
    const records = await createLogStore('quickwit', fake.url).findLogsByTraceId(TRACE);
    assert.equal(fake.requests.at(-1)?.query.get('query'), `trace_id:${TRACE}`);
    assert.deepEqual(
      records.map((r) => r.body),
      ['plain', 'request failed'],
    );
    assert.deepEqual(records[1], {
      timeUnixMs: 1782900000250,
      service: 'node-api',
      traceId: TRACE,
      spanId: '00f067aa0ba902b7',
      severityText: 'ERROR',
      severityNumber: 17,
      body: 'request failed',
      attributes: { 'service.version': '0.1.0', 'http.route': '/error', 'retry.count': 2, tags: '["a","b"]' },
    });
  });

  it("asks a service's newest records since a time", async () => {
    fake.route('GET /api/v1/otel-logs-v0_9/search', { body: { num_hits: 1, hits: [quickwitHit] } });
    const since = 1782900000300;
    const records = await createLogStore('quickwit', fake.url).findServiceLogs('node-api', { sinceUnixMs: since, limit: 10 });
    const query = fake.requests.at(-1)?.query;
    assert.equal(query?.get('query'), 'service_name:node-api');
    assert.equal(query?.get('start_timestamp'), '1782900000');
    assert.equal(query?.get('max_hits'), '10');
    assert.equal(query?.get('sort_by'), 'timestamp_nanos');
    assert.deepEqual(records, [], 'a record before sinceUnixMs (same second) is left out');
  });

  it('fails clearly when the index is missing or the answer is not a search result', async () => {
    fake.route('GET /api/v1/otel-logs-v0_9/search', { status: 404, body: { message: 'could not find indexes matching the IDs `["otel-logs-v0_9"]`' } });
    await assert.rejects(createLogStore('quickwit', fake.url).findLogsByTraceId(TRACE), /Quickwit: GET .* answered HTTP 404: .*could not find indexes/);
    fake.route('GET /api/v1/otel-logs-v0_9/search', { body: { hits: 'none' } });
    await assert.rejects(createLogStore('quickwit', fake.url).findLogsByTraceId(TRACE), /Quickwit: .* answered an unexpected shape[\s\S]*hits/);
  });

  it('links to its UI only when it has one', async () => {
    assert.equal(createLogStore('quickwit', fake.url).searchUiUrl(TRACE), undefined);
    const withUi = createLogStore('quickwit', fake.url, { hasUi: true });
    assert.equal(withUi.searchUiUrl(TRACE), `${fake.url}/ui/search?query=trace_id%3A${TRACE}&index_id=otel-logs-v0_9&max_hits=100`);
    const store = new QuickwitLogStore(fake.url);
    assert.equal(await store.probeUi(), false);
    fake.route('GET /ui/search', { body: '<!doctype html><div id="root"></div>', contentType: 'text/html' });
    assert.equal(await store.probeUi(), true);
  });

  it('is ready when /health/readyz answers 2xx', async () => {
    fake.route('GET /health/readyz', { body: true });
    assert.equal(await createLogStore('quickwit', fake.url).isReady(), true);
  });
});
