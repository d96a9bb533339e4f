// In-process node-api first: it starts the SDK before fastify and pino load.
import { spans, SpanKind, startNodeApi, startStubWorker, type InProcessNodeApi, type StubWorker } from './in-process';
import { SpanStatusCode } from './in-process-telemetry';
import { rawRequest, type RawRequest, type RawResponse } from './raw-http';
import { SCENARIO_NAMES, SCENARIOS } from '@o11y-demo/scenarios';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';

const ALLOWED_ORIGIN = 'http://localhost:3001';
const FOREIGN_ORIGIN = 'http://evil.example';
const LEVEL_INFO = 30;
const LEVEL_ERROR = 50;

let stub: StubWorker;
let api: InProcessNodeApi;

before(async () => {
  stub = await startStubWorker();
  api = await startNodeApi(stub.url);
});

after(async () => {
  await api?.close();
  await stub?.close();
});

beforeEach(() => {
  api.scenarios.reset();
  stub.behaviour = 'ok';
});

let requestCount = 0;

/** A request with a fresh trace id (as a browser would send it) and a user-agent naming it, so its span is easy to find. */
async function send(request: RawRequest): Promise<RawResponse & { traceId: string; spanId: string; userAgent: string }> {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  const userAgent = `scenario-test/${(requestCount += 1)}`;
  const response = await rawRequest(api.port, {
    ...request,
    headers: [['traceparent', `00-${traceId}-${spanId}-01`], ['user-agent', userAgent], ...(request.headers ?? [])],
  });
  return { ...response, traceId, spanId, userAgent };
}

function putScenario(name: string, body: string, contentType = 'application/json') {
  return send({ method: 'PUT', target: `/scenarios/${name}`, headers: [['content-type', contentType]], body });
}

function logsOf(traceId: string) {
  return api.logs.filter((line) => line.trace_id === traceId);
}

interface Listing {
  scenarios: Array<{ name: string; title: string; service: string; description: string; signals: string[]; active: boolean }>;
  active: string[];
}

function assertListing(response: RawResponse, active: string[]): Listing {
  assert.equal(response.status, 200, response.body);
  assert.match(response.headers['content-type'] ?? '', /application\/json/);
  const listing = response.json() as Listing;
  assert.deepEqual(Object.keys(listing).sort(), ['active', 'scenarios']);
  assert.deepEqual(listing.active, active);
  assert.deepEqual(
    listing.scenarios.map((s) => s.name),
    SCENARIO_NAMES,
    'the whole catalog, in catalog order',
  );
  for (const [index, scenario] of listing.scenarios.entries()) {
    const definition = SCENARIOS[index]!;
    assert.deepEqual(scenario, { ...definition, signals: [...definition.signals], active: active.includes(scenario.name) });
  }
  return listing;
}

function assertClientError(response: RawResponse, status: number, error: string, message: RegExp): void {
  assert.equal(response.status, status, response.body);
  const body = response.json() as { error?: unknown; message?: unknown };
  assert.equal(body.error, error);
  assert.equal(typeof body.message, 'string');
  assert.match(String(body.message), message);
}

describe('scenario API', () => {
  it('GET /scenarios lists the catalog with every scenario off', async () => {
    assertListing(await send({ method: 'GET', target: '/scenarios' }), []);
  });

  it('PUT /scenarios/:name switches one on or off and answers with the whole list, in catalog order', async () => {
    assertListing(await putScenario('log-flood', '{"active": true}'), ['log-flood']);
    assertListing(await putScenario('slow-query', '{"active":true}'), ['slow-query', 'log-flood']);
    assertListing(await putScenario('slow-query', '{"active":true}'), ['slow-query', 'log-flood']);
    assertListing(await send({ method: 'GET', target: '/scenarios' }), ['slow-query', 'log-flood']);
    const off = await putScenario('log-flood', '{"active": false}');
    assertListing(off, ['slow-query']);
    assert.deepEqual(api.scenarios.active(), ['slow-query']);
    // A charset parameter is still JSON.
    assertListing(await putScenario('n-plus-one', '{"active": true}', 'application/json; charset=utf-8'), ['slow-query', 'n-plus-one']);
  });

  it('logs each switch at info with the name and the new state', async () => {
    const response = await putScenario('worker-timeout', '{"active": true}');
    assert.equal(response.status, 200);
    const line = logsOf(response.traceId).find((l) => l.msg === 'scenario switched');
    assert.ok(line, 'a "scenario switched" line in the trace');
    assert.equal(line.level, LEVEL_INFO);
    assert.equal(line['demo.scenario.name'], 'worker-timeout');
    assert.equal(line['demo.scenario.active'], true);
    assert.equal(line['demo.scenario.changed'], true);
    assert.deepEqual(line['demo.scenarios'], ['worker-timeout']);
  });

  it('DELETE /scenarios switches everything off', async () => {
    api.scenarios.set('slow-query', true);
    api.scenarios.set('long-task', true);
    const response = await send({ method: 'DELETE', target: '/scenarios' });
    assertListing(response, []);
    assert.deepEqual(api.scenarios.active(), []);
    const line = logsOf(response.traceId).find((l) => l.msg === 'scenarios switched off');
    assert.deepEqual(line?.['demo.scenario.switched_off'], ['slow-query', 'long-task']);
  });

  it('an unknown name is a 404 naming the known scenarios, whatever the body', async () => {
    for (const response of [
      await putScenario('slow-qeury', '{"active": true}'),
      await putScenario('slow-qeury', 'not json at all', 'text/plain'),
      await putScenario('%2e%2e', '{"active": true}'),
    ]) {
      assertClientError(response, 404, 'unknown_scenario', /unknown scenario/);
      const message = String((response.json() as { message: string }).message);
      for (const name of SCENARIO_NAMES) assert.ok(message.includes(name), `the message names ${name}: ${message}`);
    }
  });

  it('a body that is not {"active": boolean} is a 400 saying what is expected', async () => {
    const expected = /expects a JSON body \{"active": true\} or \{"active": false\} with content-type: application\/json/;
    const cases: Array<[string, RegExp]> = [
      ['{"active": "yes"}', /"active" must be true or false/],
      ['{}', /"active" must be true or false/],
      ['{"active": true, "extra": 1}', /JSON object like/],
      ['[true]', /JSON object like/],
      ['null', /JSON object like/],
      ['true', /JSON object like/],
      ['{"active": tru', /not valid JSON/],
      ['', /cannot be empty/],
    ];
    for (const [body, problem] of cases) {
      const response = await putScenario('slow-query', body);
      assertClientError(response, 400, 'invalid_body', problem);
      assertClientError(response, 400, 'invalid_body', expected);
    }
    const noBody = await send({ method: 'PUT', target: '/scenarios/slow-query' });
    assertClientError(noBody, 400, 'invalid_body', expected);
    assert.deepEqual(api.scenarios.active(), [], 'nothing was switched');
  });

  it('a body that is not JSON is a 415 saying what is expected; an oversized one a 413', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/jsonx']) {
      const response = await putScenario('slow-query', type === 'text/plain' ? '{"active": true}' : 'active=true', type);
      assertClientError(response, 415, 'unsupported_media_type', /expects a JSON body .* content-type: application\/json/);
    }
    const big = await putScenario('slow-query', JSON.stringify({ active: true, padding: 'x'.repeat(20_000) }));
    assertClientError(big, 413, 'payload_too_large', /expects a JSON body/);
    assert.deepEqual(api.scenarios.active(), []);
  });

  it('other methods and paths under /scenarios are JSON 404s', async () => {
    assertClientError(await send({ method: 'PUT', target: '/scenarios' }), 404, 'not_found', /No route for PUT \/scenarios/);
    assertClientError(await send({ method: 'GET', target: '/scenarios/slow-query' }), 404, 'not_found', /No route/);
    assertClientError(await send({ method: 'POST', target: '/scenarios' }), 404, 'not_found', /No route/);
  });

  it('logs none of these client errors as errors', async () => {
    await putScenario('slow-qeury', '{"active": true}');
    await putScenario('slow-query', '{"active": 1}');
    await putScenario('slow-query', 'x', 'text/plain');
    assert.deepEqual(
      api.logs.filter((l) => l.level >= LEVEL_ERROR).map((l) => l.msg),
      [],
    );
  });
});

describe('CORS', () => {
  it('an allowed origin gets its origin back on simple requests and on PUT/DELETE', async () => {
    const get = await send({ method: 'GET', target: '/scenarios', headers: [['origin', ALLOWED_ORIGIN]] });
    assert.equal(get.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(get.headers.vary ?? '', /Origin/);
    const put = await send({
      method: 'PUT',
      target: '/scenarios/slow-query',
      headers: [['origin', ALLOWED_ORIGIN], ['content-type', 'application/json']],
      body: '{"active": true}',
    });
    assert.equal(put.status, 200);
    assert.equal(put.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    // Errors too, so the page can read their message.
    const unknown = await send({ method: 'PUT', target: '/scenarios/nope', headers: [['origin', ALLOWED_ORIGIN]] });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
  });

  it('an allowed origin may preflight PUT and DELETE with content-type and the trace headers', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const preflight = await send({
        method: 'OPTIONS',
        target: '/scenarios/slow-query',
        headers: [
          ['origin', ALLOWED_ORIGIN],
          ['access-control-request-method', method],
          ['access-control-request-headers', 'content-type,traceparent,tracestate,baggage'],
        ],
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
      const methods = (preflight.headers['access-control-allow-methods'] ?? '').split(/,\s*/);
      for (const m of ['GET', 'HEAD', 'PUT', 'DELETE']) assert.ok(methods.includes(m), `allows ${m}: ${methods.join(',')}`);
      const allowed = (preflight.headers['access-control-allow-headers'] ?? '').split(/,\s*/);
      for (const h of ['content-type', 'traceparent', 'tracestate', 'baggage']) assert.ok(allowed.includes(h), `allows ${h}`);
    }
  });

  it('a foreign origin gets no Access-Control-Allow-Origin, neither on simple requests nor on preflights', async () => {
    for (const target of ['/scenarios', '/data', '/health']) {
      const simple = await send({ method: 'GET', target, headers: [['origin', FOREIGN_ORIGIN]] });
      assert.equal(simple.status, 200, 'the answer itself is the same; the browser withholds it');
      assert.equal(simple.headers['access-control-allow-origin'], undefined);
    }
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const preflight = await send({
        method: 'OPTIONS',
        target: '/scenarios/slow-query',
        headers: [['origin', FOREIGN_ORIGIN], ['access-control-request-method', method], ['access-control-request-headers', 'content-type']],
      });
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
      assert.equal(preflight.headers['access-control-allow-methods'], undefined);
      assert.equal(preflight.headers['access-control-allow-headers'], undefined);
      assert.equal(preflight.status, 404);
    }
    // An origin that merely starts like an allowed one is foreign too.
    const lookalike = await send({ method: 'GET', target: '/health', headers: [['origin', `${ALLOWED_ORIGIN}.evil.example`]] });
    assert.equal(lookalike.headers['access-control-allow-origin'], undefined);
  });
});

/** The entries of a W3C baggage header, values percent-decoded. */
function baggageEntries(header: string | string[] | undefined): Array<[string, string]> {
  if (header === undefined) return [];
  return (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((member) => member.split(';')[0]!.trim())
    .filter((member) => member !== '')
    .map((member) => {
      const eq = member.indexOf('=');
      return [member.slice(0, eq).trim(), decodeURIComponent(member.slice(eq + 1).trim())];
    });
}

function lastDataRequest() {
  const request = stub.requests.filter((r) => r.url === '/data').at(-1);
  assert.ok(request, 'the stub worker got a /data request');
  return request;
}

describe('the active scenarios travel to the worker as baggage', () => {
  it('sets demo.scenarios to node-api\'s set, replacing the browser\'s, and passes other entries through', async () => {
    api.scenarios.set('n-plus-one', true);
    api.scenarios.set('slow-query', true);
    const response = await send({
      method: 'GET',
      target: '/data',
      headers: [['baggage', 'demo.scenarios=flaky-worker%2Clog-flood,userId=alice,session.id=s-1']],
    });
    assert.equal(response.status, 200, response.body);
    const request = lastDataRequest();
    const entries = baggageEntries(request.headers.baggage);
    assert.deepEqual(
      entries.filter(([key]) => key === 'demo.scenarios'),
      [['demo.scenarios', 'slow-query,n-plus-one']],
      'exactly one entry, in catalog order',
    );
    assert.deepEqual(entries.filter(([key]) => key !== 'demo.scenarios').sort(), [['session.id', 's-1'], ['userId', 'alice']]);
    assert.equal(String(request.headers.traceparent).split('-')[1], response.traceId, 'and the call is in the browser\'s trace');
  });

  it('removes a demo.scenarios entry from the browser when nothing is active', async () => {
    const response = await send({ method: 'GET', target: '/data', headers: [['baggage', 'demo.scenarios=flaky-worker,userId=alice']] });
    assert.equal(response.status, 200);
    assert.deepEqual(baggageEntries(lastDataRequest().headers.baggage), [['userId', 'alice']]);
  });

  it('sends no baggage at all when there is none and nothing is active', async () => {
    assert.equal((await send({ method: 'GET', target: '/data' })).status, 200);
    assert.equal(lastDataRequest().headers.baggage, undefined);
  });

  it('sends the set even when the browser sent no baggage', async () => {
    api.scenarios.set('flaky-worker', true);
    assert.equal((await send({ method: 'GET', target: '/data' })).status, 200);
    assert.deepEqual(baggageEntries(lastDataRequest().headers.baggage), [['demo.scenarios', 'flaky-worker']]);
  });
});

describe('demo.scenarios on the server spans', () => {
  it('marks every server span with the active set while any is on', async () => {
    api.scenarios.set('log-flood', true);
    api.scenarios.set('slow-query', true);
    for (const [method, target] of [
      ['GET', '/data'],
      ['GET', '/health'],
      ['GET', '/no/such/route'],
      ['GET', '/data?delayMs=abc'],
      ['GET', '/%zz'],
    ] as const) {
      const response = await send({ method, target });
      const span = await api.serverSpanOf(response.userAgent);
      assert.deepEqual(span.attributes['demo.scenarios'], ['slow-query', 'log-flood'], `${method} ${target}`);
    }
    const preflight = await send({
      method: 'OPTIONS',
      target: '/scenarios',
      headers: [['origin', ALLOWED_ORIGIN], ['access-control-request-method', 'DELETE']],
    });
    assert.deepEqual((await api.serverSpanOf(preflight.userAgent)).attributes['demo.scenarios'], ['slow-query', 'log-flood']);
  });

  it('leaves the attribute out when nothing is active', async () => {
    const response = await send({ method: 'GET', target: '/data' });
    const span = await api.serverSpanOf(response.userAgent);
    assert.equal(span.attributes['demo.scenarios'], undefined);
    assert.equal(span.parentSpanId, response.spanId, 'the browser\'s span is the parent');
  });
});

describe('worker-timeout', () => {
  it('waits only 300 ms for the worker, then answers 504 with the client span and the server span in error', async () => {
    stub.behaviour = 'slow';
    stub.slowMs = 1_000;
    api.scenarios.set('worker-timeout', true);
    const started = performance.now();
    const response = await send({ method: 'GET', target: '/data' });
    const elapsed = performance.now() - started;
    assertClientError(response, 504, 'worker_timeout', /did not answer .*\/data within 300 ms/);
    assert.ok(elapsed >= 290 && elapsed < 900, `answered after ${Math.round(elapsed)} ms`);

    const server = await api.serverSpanOf(response.userAgent);
    assert.equal(server.statusCode, SpanStatusCode.ERROR);
    assert.equal(server.attributes['http.response.status_code'], 504);
    assert.equal(server.events.find((e) => e.name === 'exception')?.attributes['exception.type'], 'WorkerTimeoutError');
    const client = await waitFor(
      () => spans.find((s) => s.traceId === response.traceId && s.kind === SpanKind.CLIENT && String(s.attributes['url.full']).endsWith('/data')),
      { what: 'the CLIENT span of the call to the worker' },
    );
    assert.equal(client.statusCode, SpanStatusCode.ERROR, 'the aborted call ends in error');
    assert.ok(client.events.some((e) => e.name === 'exception'), 'with the abort recorded');
    assert.equal(client.attributes['http.response.status_code'], undefined, 'no answer arrived');

    const errorLog = logsOf(response.traceId).find((l) => l.level >= LEVEL_ERROR);
    assert.equal(errorLog?.msg, 'worker call timed out');
    assert.equal(errorLog?.['demo.worker.timeout_ms'], 300);
    assert.match(String(errorLog?.span_id), /^[0-9a-f]{16}$/);
  });

  it('a worker that is late but within 12 s is waited for when the scenario is off', async () => {
    stub.behaviour = 'slow';
    stub.slowMs = 450;
    const response = await send({ method: 'GET', target: '/data' });
    assert.equal(response.status, 200);
    api.scenarios.set('worker-timeout', true);
    assert.equal((await send({ method: 'GET', target: '/data' })).status, 504);
  });

  it('a worker that fails is still a 502 worker_failed', async () => {
    api.scenarios.set('worker-timeout', true);
    for (const behaviour of ['fail', 'garbage', 'hangup'] as const) {
      stub.behaviour = behaviour;
      const response = await send({ method: 'GET', target: '/data' });
      assertClientError(response, 502, 'worker_failed', /worker/);
    }
  });
});

describe('log-flood', () => {
  it('writes 50 extra info lines per /data request through the request logger', async () => {
    api.scenarios.set('log-flood', true);
    const response = await send({ method: 'GET', target: '/data' });
    assert.equal(response.status, 200);
    const lines = logsOf(response.traceId);
    const flood = lines.filter((l) => l.msg === 'cache lookup');
    assert.equal(flood.length, 50);
    assert.ok(flood.every((l) => l.level === LEVEL_INFO && /^TEL-00\d$/.test(String(l['demo.cache.key'])) && l['demo.cache.hit'] === false));
    assert.deepEqual(flood.map((l) => l['demo.cache.lookup_index']), [...Array(50).keys()]);
    // Only registered or conventional names: no fastify `reqId`, the trace id ties the lines to the request.
    assert.ok(lines.every((l) => !('reqId' in l)));
    const completed = lines.find((l) => l.msg === 'request completed');
    assert.equal(typeof completed?.['demo.request.duration_ms'], 'number');
    assert.deepEqual(
      lines.filter((l) => l.msg !== 'cache lookup').map((l) => l.msg),
      ['inventory served', 'request completed'],
      'the usual lines are still there',
    );
  });

  it('floods also when the worker fails or the parameters are wrong', async () => {
    api.scenarios.set('log-flood', true);
    stub.behaviour = 'fail';
    const failed = await send({ method: 'GET', target: '/data' });
    assert.equal(failed.status, 502);
    assert.equal(logsOf(failed.traceId).filter((l) => l.msg === 'cache lookup').length, 50);
    const invalid = await send({ method: 'GET', target: '/data?delayMs=soon' });
    assert.equal(invalid.status, 400);
    assert.equal(logsOf(invalid.traceId).filter((l) => l.msg === 'cache lookup').length, 50);
  });

  it('writes none without the scenario, and none on other routes', async () => {
    const data = await send({ method: 'GET', target: '/data' });
    assert.deepEqual(logsOf(data.traceId).map((l) => l.msg), ['inventory served', 'request completed']);
    api.scenarios.set('log-flood', true);
    const root = await send({ method: 'GET', target: '/' });
    assert.equal(logsOf(root.traceId).filter((l) => l.msg === 'cache lookup').length, 0);
  });
});
