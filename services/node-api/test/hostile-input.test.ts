// In-process node-api first: it starts the SDK before fastify and pino load.
import { SpanKind, spans, startNodeApi, startStubWorker, type InProcessNodeApi, type StubBehaviour, type StubWorker } from './in-process';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import { rawRequest, type RawResponse } from './raw-http';
import { SCENARIO_NAMES, type ScenarioName } from '@o11y-demo/scenarios';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

/**
 * Property-based hostile input against the real node-api (buildApp, listening
 * on a free port, behind a stub worker): random methods, targets, query strings,
 * headers (malformed and oversized trace context included) and bodies, sent as
 * raw bytes. Whatever arrives, node-api answers in time with a 2xx or 4xx (a 5xx
 * only where the request or the stub worker asked for one), every 4xx says in
 * JSON what was wrong, and the service is still up afterwards.
 *
 * FC_SEED=<n> replays a run; the seed is printed with the summary.
 */

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const REQUEST_TIMEOUT_MS = 5_000;
const SLOW_WORKER_MS = 400;
const LEVEL_ERROR = 50;

let stub: StubWorker;
let api: InProcessNodeApi;

const tally = { tried: 0, ok2xx: 0, client4xx: 0, expected5xx: 0, unexpected5xx: 0 };

before(async () => {
  stub = await startStubWorker();
  stub.slowMs = SLOW_WORKER_MS;
  api = await startNodeApi(stub.url);
});

after(async () => {
  await api?.close();
  await stub?.close();
});

/** Between runs: nothing a random PUT switched on, or a stub behaviour, leaks into the next one. */
function resetBetweenRuns(): void {
  api.scenarios.reset();
  stub.behaviour = 'ok';
}

// ---------------------------------------------------------------- generators

const PATH_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&\'()*+,;=:@%/'];
const TOKEN_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789-_.!#$%&\'*+^`|~'];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
/** Every byte but CR and LF (which would end the header line): control characters and obs-text included. */
const HEADER_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\r' && c !== '\n');
const HEX = [...'0123456789abcdef'];

const segment = fc.string({ unit: fc.constantFrom(...PATH_CHARS), maxLength: 24 });
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: length, maxLength: length });

const path = fc.oneof(
  { arbitrary: fc.constantFrom('/data', '/data', '/health', '/error', '/scenarios', '/scenarios/log-flood'), weight: 3 },
  fc.constantFrom(
    '/', '/data', '/error', '/health', '/ready', '/scenarios', '/scenarios/slow-query', '/scenarios/worker-timeout',
    '/scenarios/log-flood', '/scenarios/nope', '/data/', '//data', '/DATA', '/d%61ta', '/%zz', '/data%00', '/%', '/%%',
    '/scenarios/%2e%2e', '/scenarios/..%2F..', '*', 'http://example.com/data', '/data#fragment', `/${'a'.repeat(3_000)}`,
    `/scenarios/${'x'.repeat(200)}`, '/é', '/data /error',
  ),
  fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
);

/** Values for delayMs / failRate: garbage, edge cases and small valid ones (a valid delay stays short so runs stay fast). */
const faultValue = fc.oneof(
  fc.constantFrom('', '-1', '1.5', '10001', '1e3', '0x10', ' 5', '+5', 'NaN', 'Infinity', 'abc', '%zz', '%00', '0.0000001', '1.0000000', '.5', '1.', '00000000001', '%31', '1%00'),
  fc.integer({ min: 0, max: 30 }).map(String),
  fc.double({ min: 0, max: 1, noNaN: true }).map(String),
  segment.map((s) => (/^\d{1,6}$/.test(s) && Number(s) > 30 ? `${s}x` : s)),
);
const queryKey = fc.oneof(fc.constantFrom('delayMs', 'failRate', 'delayMs[]', 'failRate[0]', '', 'x', '__proto__', 'constructor'), segment);
const query = fc.oneof(
  { arbitrary: fc.constant(''), weight: 2 },
  { arbitrary: fc.array(fc.tuple(queryKey, faultValue), { minLength: 1, maxLength: 4 }).map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`), weight: 5 },
  { arbitrary: segment.map((s) => `?${s}`), weight: 1 },
);

/**
 * Malformed, near-valid, valid and oversized W3C traceparent, tracestate and
 * baggage values. `big` bounds the oversized ones: with the defaults the three
 * together stay under node's 16 KiB header limit, so the request itself is fine.
 */
function traceparentOf(big = 7_000) {
  return fc.oneof(
    fc.tuple(hex(32), hex(16), fc.constantFrom('00', '01', 'ff', '02')).map(([t, s, f]) => `00-${t}-${s}-${f}`),
    fc.tuple(fc.constantFrom('ff', '0g', '0', '000', 'FF', '01'), hex(32), hex(16)).map(([v, t, s]) => `${v}-${t}-${s}-01`),
    fc.tuple(hex(32), hex(16)).map(([t, s]) => `00-${t.toUpperCase()}-${s}-01`),
    hex(16).map((s) => `00-${'0'.repeat(32)}-${s}-01`),
    hex(32).map((t) => `00-${t}-${'0'.repeat(16)}-01`),
    fc.tuple(hex(31), hex(15)).map(([t, s]) => `00-${t}-${s}-01`),
    fc.tuple(hex(32), hex(16)).map(([t, s]) => `cc-${t}-${s}-01-what-the-future-holds`),
    fc.tuple(hex(32), hex(16), fc.integer({ min: 1_000, max: big })).map(([t, s, n]) => `00-${t}-${s}-01${'-x'.repeat(n / 2)}`),
    fc.tuple(hex(32), hex(16), fc.integer({ min: 1_000, max: big })).map(([t, s, n]) => `00-${t}-${s}-01${'0'.repeat(n)}`),
    fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 80 }),
    fc.constantFrom('', '-', '---', '00--', '00-abc-def-01', '00-' + '-'.repeat(60)),
  );
}
function tracestateOf(big = 3_000) {
  return fc.oneof(
    fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 200 }),
    fc.integer({ min: 100, max: big }).map((n) => Array.from({ length: Math.floor(n / 10) }, (_, i) => `k${i}=v`).join(',')),
    fc.constantFrom('a=b', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE', '=', ',,,', 'k=' + 'v'.repeat(300)),
  );
}
function baggageOf(big = 4_000) {
  return fc.oneof(
    fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 200 }),
    fc.constantFrom(
      'demo.scenarios=flaky-worker', 'demo.scenarios=slow-query%2Cworker-timeout,userId=alice', 'demo.scenarios=' + 'x,'.repeat(600),
      'userId=alice;metadata', '=,=,=', '%zz=%zz', 'k=' + 'v'.repeat(big - 2),
    ),
    fc.integer({ min: 10, max: big / 10 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}=v${i}`).join(',')),
  );
}
const traceparent = traceparentOf();
const tracestate = tracestateOf();
const baggage = baggageOf();

/** Header names that would desynchronise the framing (the client sets them) are left to the framing cases below. */
const RESERVED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'upgrade']);
const headerName = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'traceparent', 'tracestate', 'baggage', 'content-type', 'origin', 'accept', 'user-agent', 'cookie', 'expect',
      'access-control-request-method', 'access-control-request-headers', 'accept-encoding', 'x-request-id', 'authorization',
    ),
    weight: 6,
  },
  { arbitrary: fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 20 }).filter((n) => !RESERVED.has(n.toLowerCase())), weight: 3 },
  { arbitrary: fc.constantFrom('bad name', '', 'x\ty', 'ü'), weight: 1 },
);
const headerValue = fc.oneof(
  { arbitrary: fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 100 }), weight: 8 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...HEADER_BYTES), maxLength: 40 }), weight: 1 },
  { arbitrary: fc.constantFrom('http://localhost:3001', 'http://evil.example', 'application/json', 'text/plain', '100-continue', 'PUT'), weight: 4 },
  { arbitrary: fc.integer({ min: 1_000, max: 24_000 }).map((n) => 'h'.repeat(n)), weight: 1 },
);
const header = fc.oneof(
  { arbitrary: fc.tuple(headerName, headerValue), weight: 8 },
  // Here the oversized ones may go past the header limit (a 431 is a fine answer).
  { arbitrary: traceparentOf(20_000).map((v): [string, string] => ['traceparent', v]), weight: 2 },
  { arbitrary: tracestateOf(10_000).map((v): [string, string] => ['tracestate', v]), weight: 1 },
  { arbitrary: baggageOf(10_000).map((v): [string, string] => ['baggage', v]), weight: 2 },
  // Framing the parser must reject without waiting for a body that never comes.
  { arbitrary: fc.constantFrom<[string, string]>(['content-length', 'abc'], ['content-length', '-1'], ['content-length', '1, 2'], ['transfer-encoding', 'chunked, gzip']), weight: 1 },
);

const method = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'HEAD'), weight: 8 },
  { arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), weight: 5 },
  { arbitrary: fc.constantFrom('TRACE', 'CONNECT', 'PROPFIND', 'SEARCH', 'get', 'FOO', 'G\u0000T'), weight: 1 },
);

const body = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.boolean().map((active) => JSON.stringify({ active })), weight: 1 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
  { arbitrary: fc.integer({ min: 16_000, max: 40_000 }).map((n) => `{"padding":"${'x'.repeat(n)}"}`), weight: 1 },
);

const stubBehaviour = fc.oneof(
  { arbitrary: fc.constant<StubBehaviour>('ok'), weight: 8 },
  { arbitrary: fc.constantFrom<StubBehaviour>('slow', 'fail', 'garbage', 'hangup'), weight: 1 },
);

const activeScenarios = fc.subarray([...SCENARIO_NAMES]);

// ---------------------------------------------------------------- oracles

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The route the request reaches, as fastify matches it: the path of an
 * absolute-form target too, percent-decoded, case-sensitive, no trailing slash.
 */
function routeOf(target: string): string {
  return safeDecode(target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split('?')[0]!.split('#')[0]!);
}

function queryMentions(target: string, key: string): boolean {
  const queryString = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  return queryString.split('&').some((pair) => safeDecode(pair.split('=')[0]!.replace(/\+/g, ' ')) === key);
}

/** When a 5xx is the right answer: /error, an injected failure, or the stub worker failing or (under worker-timeout) being late. */
function allowed5xx(method: string, target: string, behaviour: StubBehaviour, scenarios: readonly ScenarioName[]): number[] {
  if (method !== 'GET' && method !== 'HEAD') return [];
  const route = routeOf(target);
  if (route === '/error') return [500];
  if (route !== '/data') return [];
  const allowed = queryMentions(target, 'failRate') ? [500] : [];
  if (behaviour === 'fail' || behaviour === 'garbage' || behaviour === 'hangup') allowed.push(502);
  if (behaviour === 'slow' && scenarios.includes('worker-timeout')) allowed.push(504);
  return allowed;
}

/** Every 4xx says, in the service's JSON shape, what was wrong (HEAD answers carry no body). */
function assertExplained(response: RawResponse, method: string, context: string): void {
  if (method === 'HEAD' || response.status < 400 || response.status >= 500) return;
  const json = response.json() as { error?: unknown; message?: unknown } | undefined;
  assert.match(response.headers['content-type'] ?? '', /application\/json/, `${context}: a JSON 4xx, got ${response.headers['content-type']}`);
  assert.match(String(json?.error), /^[a-z_]+$/, `${context}: the service's error code (not fastify's own shape) in ${response.body.slice(0, 200)}`);
  assert.ok(typeof json?.message === 'string' && json.message.length > 0, `${context}: a message in ${response.body.slice(0, 200)}`);
}

function count(response: RawResponse, expected5xx: boolean): void {
  tally.tried += 1;
  if (response.status < 300) tally.ok2xx += 1;
  else if (response.status < 500) tally.client4xx += 1;
  else if (expected5xx) tally.expected5xx += 1;
  else tally.unexpected5xx += 1;
}

/**
 * The W3C rules, as an independent check: a traceparent whose parent the service
 * must keep. Version ff is invalid; 00 has exactly four fields; a later version
 * may carry more fields after the flags.
 */
function validTraceparent(value: string): { traceId: string; spanId: string; sampled: boolean } | undefined {
  const match = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/.exec(value.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return undefined;
  if (/^0+$/.test(match[2]!) || /^0+$/.test(match[3]!)) return undefined;
  return { traceId: match[2]!, spanId: match[3]!, sampled: (Number.parseInt(match[4]!, 16) & 1) === 1 };
}

const sent = (response: RawResponse) => `${response.status} ${response.body.slice(0, 300)}`;

// ---------------------------------------------------------------- examples

describe('requests that never reach a route get the JSON shape too', () => {
  const cases: Array<[string, Parameters<typeof rawRequest>[1], number, string, RegExp]> = [
    ['a control character in a header value', { method: 'GET', target: '/health', headers: [['x-note', 'a\u0001b']] }, 400, 'bad_request', /malformed HTTP request \(HPE_INVALID_HEADER_TOKEN: Invalid header value char\)/],
    ['a space in a header name', { method: 'GET', target: '/health', headers: [['bad name', 'x']] }, 400, 'bad_request', /malformed HTTP request/],
    ['an unknown method', { method: 'FOO', target: '/health' }, 400, 'bad_request', /does not start with an HTTP method/],
    ['CONNECT', { method: 'CONNECT', target: 'example.com:443' }, 405, 'method_not_allowed', /not a proxy/],
    ['headers over the limit', { method: 'GET', target: '/health', headers: [['traceparent', 'x'.repeat(20_000)]] }, 431, 'headers_too_large', /headers exceed \d+ bytes/],
    ['an Expect other than 100-continue', { method: 'GET', target: '/health', headers: [['expect', 'teapot']] }, 417, 'expectation_failed', /Expect: teapot/],
    ['a body of an unknown type', { method: 'POST', target: '/data', headers: [['content-type', 'application/xml']], body: '<a/>' }, 404, 'not_found', /No route for POST \/data/],
    ['a bad body on the CORS preflight route', { method: 'OPTIONS', target: '/x', headers: [['content-type', 'application/xml']], body: '<a/>' }, 415, 'unsupported_media_type', /content-type "application\/xml"/],
    ['a malformed percent-encoding', { method: 'GET', target: '/%zz' }, 400, 'bad_request', /not a valid url/],
  ];
  for (const [what, request, status, error, message] of cases) {
    it(`${what}: ${status} ${error}`, async () => {
      const response = await rawRequest(api.port, request);
      assert.equal(response.status, status, response.body);
      const body = response.json() as { error: string; message: string };
      assert.equal(body.error, error);
      assert.match(body.message, message);
    });
  }

  it('an OPTIONS from an allowed origin without Access-Control-Request-Method is a preflight, not a plain-text 400', async () => {
    const response = await rawRequest(api.port, { method: 'OPTIONS', target: '/data', headers: [['origin', 'http://localhost:3001']] });
    assert.equal(response.status, 204);
    assert.equal(response.headers['access-control-allow-origin'], 'http://localhost:3001');
  });

  it('an unmet Expect and a CONNECT are server spans with their status, like any request', async () => {
    await rawRequest(api.port, { method: 'PUT', target: '/scenarios/slow-query', headers: [['expect', 'teapot']] });
    await rawRequest(api.port, { method: 'CONNECT', target: 'example.com:443' });
    for (const [method, status] of [['PUT', 417], ['CONNECT', 405]] as const) {
      await waitFor(
        () => spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['http.request.method'] === method && s.attributes['http.response.status_code'] === status),
        { what: `a server span for ${method} answered ${status}` },
      );
    }
  });

  it('100-continue is honoured', async () => {
    const response = await rawRequest(api.port, {
      method: 'PUT',
      target: '/scenarios/slow-query',
      headers: [['content-type', 'application/json'], ['expect', '100-continue']],
      body: '{"active": true}',
    });
    assert.equal(response.status, 200);
    api.scenarios.reset();
  });
});

// ---------------------------------------------------------------- properties

describe('hostile input', () => {
  it('any method, target, headers and body: 2xx or 4xx with a JSON message, in time; 5xx only when asked for', async () => {
    const errorLinesBefore = api.logs.filter((l) => l.level >= LEVEL_ERROR).length;
    let fiveHundreds = 0;
    await fc.assert(
      fc
        .asyncProperty(
          method, path, query, fc.array(header, { maxLength: 4 }), body, stubBehaviour, activeScenarios,
          async (verb, route, queryString, headers, payload, behaviour, scenarios) => {
            for (const name of scenarios) api.scenarios.set(name, true);
            stub.behaviour = behaviour;
            const target = `${route}${queryString}`;
            const context = `${verb} ${target.slice(0, 120)} (worker ${behaviour}, scenarios ${scenarios.join(',') || 'none'})`;
            const response = await rawRequest(api.port, { method: verb, target, headers, body: payload, timeoutMs: REQUEST_TIMEOUT_MS });
            const allowed = allowed5xx(verb, target, behaviour, scenarios);
            count(response, allowed.includes(response.status));
            assert.ok(response.status >= 200 && response.status < 300 || response.status >= 400 && response.status < 500 || allowed.includes(response.status),
              `${context}: ${sent(response)}`);
            if (response.status >= 500) fiveHundreds += 1;
            assertExplained(response, verb, context);
          },
        )
        .afterEach(resetBetweenRuns),
      { numRuns: 200, seed: SEED, includeErrorInReport: true },
    );
    assert.equal((await rawRequest(api.port, { method: 'GET', target: '/health' })).status, 200, 'still up');
    const errorLines = api.logs.filter((l) => l.level >= LEVEL_ERROR).length - errorLinesBefore;
    assert.equal(errorLines, fiveHundreds, 'one ERROR line per 5xx, none for any 4xx');
  });

  it('a malformed or oversized traceparent gets 200 and a new root server span; a valid one stays the parent', async () => {
    let n = 0;
    await fc.assert(
      fc
        .asyncProperty(traceparent, fc.option(tracestate), fc.option(baggage), fc.constantFrom('/health', '/data'), async (parent, state, bag, target) => {
          const userAgent = `hostile-trace/${(n += 1)}`;
          const headers: Array<[string, string]> = [['traceparent', parent], ['user-agent', userAgent]];
          if (state !== null) headers.push(['tracestate', state]);
          if (bag !== null) headers.push(['baggage', bag]);
          const workerCalls = stub.requests.length;
          const response = await rawRequest(api.port, { method: 'GET', target, headers, timeoutMs: REQUEST_TIMEOUT_MS });
          count(response, false);
          assert.equal(response.status, 200, `${target} with traceparent ${JSON.stringify(parent.slice(0, 80))}: ${sent(response)}`);

          const valid = validTraceparent(parent);
          if (valid && !valid.sampled) return; // the caller asked not to record it: nothing to look at
          const span = await api.serverSpanOf(userAgent);
          assert.match(span.traceId, /^[0-9a-f]{32}$/);
          assert.doesNotMatch(span.traceId, /^0+$/);
          if (valid) {
            assert.equal(span.traceId, valid.traceId);
            assert.equal(span.parentSpanId, valid.spanId);
          } else {
            assert.equal(span.parentSpanId, undefined, `a root span for ${JSON.stringify(parent.slice(0, 80))}`);
          }
          if (target === '/data') {
            const call = stub.requests.slice(workerCalls).find((r) => r.url === '/data');
            assert.equal(String(call?.headers.traceparent).split('-')[1], span.traceId, 'the worker call continues the same trace');
            // Whatever the browser sent, no scenario reaches the worker while none is on.
            assert.doesNotMatch(String(call?.headers.baggage ?? ''), /demo\.scenarios/);
          }
        })
        .afterEach(resetBetweenRuns),
      { numRuns: 60, seed: SEED, includeErrorInReport: true },
    );
  });

  it('random PUT /scenarios/*: only {"active": boolean} as JSON to a known name switches, anything else is explained', async () => {
    const contentType = fc.option(
      fc.oneof(
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', 'multipart/form-data; boundary=x'),
        fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 40 }),
      ),
    );
    const name = fc.oneof(fc.constantFrom(...SCENARIO_NAMES), fc.string({ maxLength: 30 }), fc.constantFrom('', 'SLOW-QUERY', 'slow-query ', '__proto__', 'x'.repeat(150)));
    const update = fc.oneof(
      fc.boolean().map((active) => JSON.stringify({ active })),
      fc.constantFrom('{"active": "true"}', '{"active": 1}', '{"active": null}', '{"active": true, "extra": 1}', '{"__proto__": {"active": true}}', '{"active":false,"active":true}', '[{"active":true}]', ' {"active" : true} '),
      fc.json({ maxDepth: 2 }),
      fc.string({ maxLength: 100 }),
    );
    await fc.assert(
      fc
        .asyncProperty(name, contentType, fc.option(update), activeScenarios, async (scenario, type, payload, initial) => {
          for (const s of initial) api.scenarios.set(s, true);
          const before = api.scenarios.active();
          const headers: Array<[string, string]> = type === null ? [] : [['content-type', type]];
          const target = `/scenarios/${encodeURIComponent(scenario)}`;
          const response = await rawRequest(api.port, { method: 'PUT', target, headers, body: payload ?? undefined, timeoutMs: REQUEST_TIMEOUT_MS });
          count(response, false);
          const context = `PUT ${target.slice(0, 80)} (${type}) ${JSON.stringify(payload)?.slice(0, 80)}`;
          assertExplained(response, 'PUT', context);

          const known = (SCENARIO_NAMES as readonly string[]).includes(scenario);
          let parsed: unknown;
          try {
            parsed = payload === null ? undefined : JSON.parse(payload);
          } catch {
            parsed = undefined;
          }
          const isJson = type !== null && /^application\/json\s*(;|$)/i.test(type);
          const isUpdate =
            typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) &&
            Object.keys(parsed).length === 1 && typeof (parsed as { active?: unknown }).active === 'boolean';

          if (!known) {
            // 414 when the name is longer than fastify's 100-character parameter limit.
            assert.ok([404, 414].includes(response.status), `${context}: ${sent(response)}`);
            const answer = response.json() as { error: string; message: string };
            if (answer.error === 'unknown_scenario') for (const n of SCENARIO_NAMES) assert.ok(answer.message.includes(n));
            assert.deepEqual(api.scenarios.active(), before);
          } else if (isJson && isUpdate) {
            assert.equal(response.status, 200, `${context}: ${sent(response)}`);
            const active = (parsed as { active: boolean }).active;
            assert.equal(api.scenarios.isActive(scenario as ScenarioName), active);
            assert.deepEqual((response.json() as { active: string[] }).active, api.scenarios.active());
          } else {
            assert.ok([400, 413, 415].includes(response.status), `${context}: ${sent(response)}`);
            assert.deepEqual(api.scenarios.active(), before, 'a rejected update changes nothing');
          }
        })
        .afterEach(resetBetweenRuns),
      { numRuns: 60, seed: SEED, includeErrorInReport: true },
    );
  });

  it('is still up, and says how it went', async (t) => {
    const health = await rawRequest(api.port, { method: 'GET', target: '/health' });
    assert.equal(health.status, 200);
    assert.deepEqual(api.scenarios.active(), [], 'no random PUT leaked out of its run');
    const summary =
      `hostile inputs: ${tally.tried} tried, ${tally.unexpected5xx} unexpected 5xx ` +
      `(2xx ${tally.ok2xx}, 4xx ${tally.client4xx}, requested 5xx ${tally.expected5xx}; seed ${SEED})`;
    t.diagnostic(summary);
    console.log(summary);
    assert.equal(tally.unexpected5xx, 0);
  });
});
