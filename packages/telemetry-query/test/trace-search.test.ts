/**
 * Trace search against recorded answers: Jaeger's API v3 FindTraces, services
 * and operations, and Tempo's /api/search and tag values, each in the shape
 * the store answers (test/fixtures/*.json), served by a fake backend so the
 * URLs the package builds are checked too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BackendError, FILTERED_SEARCH_DEPTH, TRACE_SEARCH_BOUNDS, checkTraceQuery, createTraceStore, traceqlFor, type TraceQuery } from '../src/index';
import { startFakeBackend, type FakeBackend } from '../testing/fake-backend';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const T0_MS = 1_782_900_000_000;
const window = { startUnixMs: T0_MS - 60_000, endUnixMs: T0_MS + 120_000 };
const query = (extra: Partial<TraceQuery> = {}): TraceQuery => ({ ...window, limit: 20, ...extra });

describe('trace search: Jaeger API v3 (recorded answers)', () => {
  let fake: FakeBackend;
  before(async () => {
    fake = await startFakeBackend();
    fake.route('GET /api/v3/traces', { body: fixture('jaeger-find-traces.json') });
  });
  after(() => fake.close());

  it('asks FindTraces with the service, operation, window, durations and depth, in the parameters Jaeger reads', async () => {
    const store = createTraceStore('jaeger', fake.url);
    const result = await store.searchTraces(query({ service: 'worker', operation: 'SELECT inventory', minDurationMs: 500, maxDurationMs: 1500.5 }));
    const asked = fake.requests.at(-1);
    assert.equal(asked?.path, '/api/v3/traces');
    assert.deepEqual(Object.fromEntries(asked?.query ?? []), {
      'query.service_name': 'worker',
      'query.operation_name': 'SELECT inventory',
      'query.start_time_min': new Date(window.startUnixMs).toISOString(),
      'query.start_time_max': new Date(window.endUnixMs).toISOString(),
      'query.duration_min': '500000us',
      'query.duration_max': '1500500us',
      'query.num_traces': '20',
    });
    assert.equal(result.storeQuery, `${fake.url}${asked?.url}`);
    assert.equal(result.filteredHere, undefined);
    // Jaeger answered two traces in one document; only the slow one has a span meeting every condition.
    assert.equal(result.traces.length, 1);
    assert.deepEqual(result.traces[0], {
      traceId: '2f3e0cee77ae5dc9c17ade3689eb2e54',
      rootName: 'click',
      rootService: 'frontend-web',
      rootMissing: false,
      services: [
        { name: 'frontend-web', spanCount: 2, errorCount: 0 },
        { name: 'node-api', spanCount: 1, errorCount: 0 },
        { name: 'worker', spanCount: 2, errorCount: 0 },
      ],
      spanCount: 5,
      durationMs: 742,
      startTimeUnixMs: T0_MS,
      error: false,
      matched: [{ spanId: 'a000000000000005', name: 'SELECT inventory', service: 'worker', durationMs: 701.25 }],
    });
  });

  it('summarises every trace of the answer, newest first, with its error mark', async () => {
    const result = await createTraceStore('jaeger', fake.url).searchTraces(query());
    assert.deepEqual(
      result.traces.map((trace) => [trace.traceId, trace.rootName, trace.spanCount, trace.durationMs, trace.error]),
      [
        ['9c0ffee0000000000000000000000b0b', 'click', 2, 41, true],
        ['0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c', 'GET /data', 2, 14, false],
        ['2f3e0cee77ae5dc9c17ade3689eb2e54', 'click', 5, 742, false],
      ],
    );
    // A trace whose root its sender never exported (a traced script's) is named by its topmost span.
    assert.deepEqual(
      result.traces.map((trace) => trace.rootMissing),
      [false, true, false],
    );
    assert.deepEqual(result.traces[0]?.services, [
      { name: 'frontend-web', spanCount: 1, errorCount: 0 },
      { name: 'node-api', spanCount: 1, errorCount: 1 },
    ]);
  });

  it('filters by attributes and error itself, over a deeper search, since the HTTP API takes neither', async () => {
    const store = createTraceStore('jaeger', fake.url);
    const scenario = await store.searchTraces(query({ tags: { 'demo.scenarios': 'slow-query' }, limit: 5 }));
    // A first ask of 50: Jaeger had only 3, so there is nothing deeper to ask for.
    assert.equal(fake.requests.at(-1)?.query.get('query.num_traces'), '50');
    assert.deepEqual(scenario.filteredHere, { scanned: 3, searchDepth: 50 });
    // An array attribute matches when one of its elements is the value, as in TraceQL.
    assert.deepEqual(
      scenario.traces.map((trace) => trace.traceId),
      ['2f3e0cee77ae5dc9c17ade3689eb2e54'],
    );
    assert.deepEqual(scenario.traces[0]?.matched.map((span) => span.name), ['click', 'GET /data', 'GET /data', 'SELECT inventory']);

    const errors = await store.searchTraces(query({ errorOnly: true }));
    assert.deepEqual(
      errors.traces.map((trace) => [trace.traceId, trace.matched.map((span) => span.name)]),
      [['9c0ffee0000000000000000000000b0b', ['GET /error']]],
    );
    // A resource attribute and a typed attribute written as text both match; every condition on one span.
    const resource = await store.searchTraces(query({ service: 'node-api', tags: { 'deployment.environment.name': 'dev', 'http.response.status_code': '500' } }));
    assert.deepEqual(
      resource.traces.map((trace) => trace.traceId),
      ['9c0ffee0000000000000000000000b0b'],
    );
    const none = await store.searchTraces(query({ service: 'worker', tags: { 'session.id': '3f2b9c1e-5d4a-4b7e-9c1a-2e6f8d0b4a7c' } }));
    assert.deepEqual(none.traces, []);
  });

  it('asks deeper when the first ask was full but found fewer than the limit', async () => {
    const recorded = fixture('jaeger-find-traces.json') as { result: { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] } };
    // 50 traces of the worker alone (the fixture's last batch, under 50 trace ids), none with the attribute.
    const workerOnly = JSON.stringify(recorded.result.resourceSpans.at(-1));
    const fifty = Array.from({ length: 50 }, (_, index) => JSON.parse(workerOnly.replaceAll('0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c', index.toString(16).padStart(32, 'e'))) as unknown);
    fake.route('GET /api/v3/traces', (request) => ({
      body: request.query.get('query.num_traces') === '50' ? { result: { resourceSpans: fifty } } : recorded,
    }));
    const count = fake.requests.length;
    const result = await createTraceStore('jaeger', fake.url).searchTraces(query({ tags: { 'demo.scenarios': 'slow-query' } }));
    assert.deepEqual(
      fake.requests.slice(count).map((request) => request.query.get('query.num_traces')),
      ['50', String(FILTERED_SEARCH_DEPTH)],
    );
    assert.deepEqual(result.traces.map((trace) => trace.traceId), ['2f3e0cee77ae5dc9c17ade3689eb2e54']);
    assert.deepEqual(result.filteredHere, { scanned: 3, searchDepth: FILTERED_SEARCH_DEPTH });
    fake.route('GET /api/v3/traces', { body: fixture('jaeger-find-traces.json') });
  });

  it('answers no traces for its 404 "No traces found", and throws a BackendError for other failures', async () => {
    const store = createTraceStore('jaeger', fake.url);
    fake.route('GET /api/v3/traces', { status: 404, body: { error: { httpCode: 404, message: 'No traces found' } } });
    assert.deepEqual((await store.searchTraces(query())).traces, []);
    fake.route('GET /api/v3/traces', { status: 500, body: { error: { httpCode: 500, message: 'search depth must be greater than 0 and less than max traces' } } });
    await assert.rejects(store.searchTraces(query()), (error: unknown) => error instanceof BackendError && error.status === 500 && /search depth/.test(error.message));
    fake.route('GET /api/v3/traces', { body: fixture('jaeger-find-traces.json') });
  });

  it('refuses a query out of bounds before asking', async () => {
    const count = fake.requests.length;
    const store = createTraceStore('jaeger', fake.url);
    await assert.rejects(store.searchTraces(query({ limit: TRACE_SEARCH_BOUNDS.maxLimit + 1 })), /limit must be an integer from 1 to 100/);
    await assert.rejects(store.searchTraces({ ...query(), startUnixMs: 0, endUnixMs: TRACE_SEARCH_BOUNDS.maxLookbackMs + 1 }), /at most 48 h/);
    await assert.rejects(store.searchTraces(query({ tags: { 'bad key"}': 'x' } })), /attribute key "bad key"}" must match/);
    assert.equal(fake.requests.length, count);
  });

  it('lists services and operations', async () => {
    const store = createTraceStore('jaeger', fake.url);
    fake.route('GET /api/v3/services', { body: { services: ['worker', 'node-api', 'frontend-web'] } });
    assert.deepEqual(await store.listServices(), ['frontend-web', 'node-api', 'worker']);
    fake.route('GET /api/v3/services', { body: {} });
    assert.deepEqual(await store.listServices(), []);
    fake.route('GET /api/v3/operations', { body: fixture('jaeger-operations.json') });
    assert.deepEqual(await store.listOperations('worker'), ['GET /data', 'SELECT inventory']);
    assert.equal(fake.requests.at(-1)?.query.get('service'), 'worker');
  });
});

describe('trace search: Tempo /api/search (recorded answers)', () => {
  let fake: FakeBackend;
  before(async () => {
    fake = await startFakeBackend();
    fake.route('GET /api/search', { body: fixture('tempo-search.json') });
  });
  after(() => fake.close());

  it('writes every condition into one TraceQL span selector', () => {
    assert.equal(traceqlFor(query()), '{}');
    assert.equal(
      traceqlFor(
        query({
          service: 'worker',
          operation: 'SELECT "inventory"',
          minDurationMs: 500,
          maxDurationMs: 1000.25,
          errorOnly: true,
          tags: { 'demo.scenarios': 'slow-query', 'http.response.status_code': '500', 'app.cached': 'false' },
        }),
      ),
      '{ resource.service.name = "worker" && name = "SELECT \\"inventory\\"" && duration >= 500ms && duration <= 1000.25ms && status = error' +
        ' && .demo.scenarios = "slow-query" && (.http.response.status_code = "500" || .http.response.status_code = 500)' +
        ' && (.app.cached = "false" || .app.cached = false) }',
    );
  });

  it('asks /api/search with the query, limit, window in seconds and spans per set', async () => {
    const store = createTraceStore('tempo', fake.url);
    const result = await store.searchTraces(query({ service: 'worker', minDurationMs: 500, limit: 10 }));
    const asked = fake.requests.at(-1);
    assert.deepEqual(Object.fromEntries(asked?.query ?? []), {
      q: '{ resource.service.name = "worker" && duration >= 500ms }',
      limit: '10',
      start: String(window.startUnixMs / 1000),
      end: String(window.endUnixMs / 1000),
      spss: '5',
    });
    assert.equal(result.storeQuery, '{ resource.service.name = "worker" && duration >= 500ms }');
    assert.equal(result.filteredHere, undefined);
  });

  it('sums up each trace from its metadata: root, services with span and error counts, matched spans', async () => {
    const result = await createTraceStore('tempo', fake.url).searchTraces(query());
    assert.deepEqual(
      result.traces.map((trace) => trace.traceId),
      // Newest first; Tempo drops a trace id's leading zeros.
      ['007a1d2dd4deaf177e0acf55b3c49032', '0b7e5d1c9f2a4e6b8d0c2a4e6b8d0c2a', '2f3e0cee77ae5dc9c17ade3689eb2e54'],
    );
    const [errored, rootless, slow] = result.traces;
    assert.deepEqual(slow, {
      traceId: '2f3e0cee77ae5dc9c17ade3689eb2e54',
      rootName: 'click',
      rootService: 'frontend-web',
      rootMissing: false,
      services: [
        { name: 'frontend-web', spanCount: 3, errorCount: 0 },
        { name: 'worker', spanCount: 3, errorCount: 0 },
        { name: 'node-api', spanCount: 4, errorCount: 0 },
      ],
      spanCount: 10,
      durationMs: 742,
      startTimeUnixMs: T0_MS,
      error: false,
      matched: [
        { spanId: '8a1f0c2d3e4b5a6a', name: 'GET /data', service: 'worker', durationMs: 712 },
        { spanId: '8a1f0c2d3e4b5a69', name: 'SELECT inventory', service: 'worker', durationMs: 701.25 },
      ],
    });
    assert.equal(errored?.error, true);
    assert.deepEqual(errored?.matched, [{ spanId: 'c4fa887d6dd9c191', name: '', service: 'worker', durationMs: 612 }]);
    assert.deepEqual(
      { rootName: rootless?.rootName, rootService: rootless?.rootService, rootMissing: rootless?.rootMissing, services: rootless?.services, durationMs: rootless?.durationMs, spanCount: rootless?.spanCount },
      { rootName: '', rootService: '', rootMissing: true, services: [], durationMs: 0, spanCount: 0 },
    );
  });

  it('answers no traces when Tempo leaves the list out, and fails clearly on a TraceQL error', async () => {
    const store = createTraceStore('tempo', fake.url);
    fake.route('GET /api/search', { body: { metrics: { inspectedTraces: 0 } } });
    assert.deepEqual((await store.searchTraces(query())).traces, []);
    fake.route('GET /api/search', { status: 400, body: 'invalid TraceQL query: parse error at line 1, col 3: syntax error' });
    await assert.rejects(store.searchTraces(query()), /Tempo: GET .*\/api\/search\?q=.* answered HTTP 400: invalid TraceQL query/);
    fake.route('GET /api/search', { body: { traces: [{ rootServiceName: 'x' }] } });
    await assert.rejects(store.searchTraces(query()), /Tempo: .* answered an unexpected shape[\s\S]*traceID/);
    fake.route('GET /api/search', { body: fixture('tempo-search.json') });
  });

  it('lists services and one service\'s operations from tag values', async () => {
    const store = createTraceStore('tempo', fake.url);
    fake.route('GET /api/v2/search/tag/resource.service.name/values', { body: fixture('tempo-tag-values-services.json') });
    fake.route('GET /api/v2/search/tag/name/values', { body: fixture('tempo-tag-values-operations.json') });
    assert.deepEqual(await store.listServices(), ['frontend', 'frontend-web', 'node-api', 'worker']);
    const services = fake.requests.at(-1);
    // The longest window a search may cover, in whole seconds (rounded outwards).
    const span = Number(services?.query.get('end')) - Number(services?.query.get('start'));
    assert.ok(span - TRACE_SEARCH_BOUNDS.maxLookbackMs / 1000 <= 1 && span >= TRACE_SEARCH_BOUNDS.maxLookbackMs / 1000, `window ${span} s`);
    assert.deepEqual(await store.listOperations('worker'), ['GET /data', 'SELECT inventory']);
    assert.equal(fake.requests.at(-1)?.query.get('q'), '{ resource.service.name = "worker" }');
  });
});

describe('checkTraceQuery', () => {
  it('accepts a query within bounds and names every problem of one outside them', () => {
    assert.doesNotThrow(() => checkTraceQuery(query({ service: 'worker', tags: { 'session.id': 'abc' }, minDurationMs: 0 })));
    assert.throws(
      () => checkTraceQuery({ startUnixMs: 10, endUnixMs: 5, limit: 0, minDurationMs: 5, maxDurationMs: 1, service: 'a\nb' }),
      /bad trace search: limit must be an integer from 1 to 100; the window must end after it starts; maxDurationMs must not be below minDurationMs; service must be at most 200 printable characters/,
    );
    const sixTags = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => [key, 'x']));
    assert.throws(() => checkTraceQuery(query({ tags: sixTags })), /at most 5 attribute filters/);
    assert.throws(() => checkTraceQuery(query({ tags: { 'demo-x': '1' } })), /attribute key "demo-x" must match/);
  });
});
