import http from 'node:http';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { TEST_URLS } from './support/test-environment';

/**
 * Throws random, malformed and oversized requests at the frontend's route
 * handlers (/api/health, /api/telemetry/<trace id>, /api/services, /api/traces, /api/traces/operations, and the /api catch-all)
 * on the real `next start` server, and holds every answer to three rules:
 *
 * - a 2xx or a 4xx, never a 5xx: no store runs in this setup, and the
 *   telemetry route's documented answer to that is a 200 naming each store
 *   as unreachable, so nothing here has a reason to fail;
 * - an answer within a few seconds (the route bounds its own work to 3 s);
 * - a 4xx says what was wrong: a JSON body with `error` and `message`
 *   (except for HEAD, whose answers have no body by definition).
 *
 * The requests go out through node:http, not fetch: fetch would normalise
 * the path (dot segments, percent-encoding), refuse TRACE, and set headers
 * itself, and those are exactly the inputs worth trying.
 *
 * Replay a failure with FC_SEED=<seed printed below>.
 */

const RUNS = Number(process.env.HOSTILE_RUNS ?? 250);
const ANSWER_WITHIN_MS = 8_000;

interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  tookMs: number;
}

const { hostname, port } = new URL(TEST_URLS.frontend);

function send(request: HostileRequest): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        hostname,
        port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        // A fresh connection each: an answer that closes the connection (a
        // parse error) must not decide the fate of the next request.
        agent: false,
        timeout: ANSWER_WITHIN_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            tookMs: Date.now() - started,
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

// --- what a hostile client sends ------------------------------------------

/** Characters node:http lets through in a header value: tab, printable ASCII, and the Latin-1 upper half. */
const headerChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.constant(0x09) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
).map((code) => String.fromCharCode(code));

const headerValue = (maxLength: number) => fc.string({ unit: headerChar, maxLength });
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

const traceparent = fc.oneof(
  fc.tuple(hex(32), hex(16)).map(([traceId, spanId]) => `00-${traceId}-${spanId}-01`),
  fc.tuple(fc.constantFrom('00', 'ff', 'zz', '01'), hex(32), hex(16), fc.constantFrom('00', '01', 'xx', '')).map(
    ([version, traceId, spanId, flags]) => `${version}-${traceId}-${spanId}-${flags}-extra`,
  ),
  headerValue(200),
  // Oversized: kept under Node's 16 KB header limit here, over it further down.
  fc.integer({ min: 1_000, max: 6_000 }).map((length) => `00-${'a'.repeat(length)}-${'b'.repeat(16)}-01`),
);

const tracestate = fc.oneof(
  fc.array(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_*/-]{0,20}$/), headerValue(40)), { maxLength: 40 }).map((pairs) =>
    pairs.map(([key, value]) => `${key}=${value}`).join(','),
  ),
  headerValue(300),
  fc.integer({ min: 2_000, max: 8_000 }).map((length) => `k=${'v'.repeat(length)}`),
);

const baggage = fc.oneof(
  fc.constantFrom('demo.scenarios=long-task', 'a=%ZZ', '%=%', 'k=v;prop=%E0%A4', ',,,', '=;=;='),
  headerValue(300),
);

/** Headers Next.js itself reads: routing and React Server Components internals. */
const nextInternals = fc.record(
  {
    rsc: fc.constantFrom('1', '0', 'x'),
    'next-router-state-tree': headerValue(200),
    'next-router-prefetch': fc.constantFrom('1', 'x'),
    'next-action': headerValue(60),
    'next-url': headerValue(60),
    'x-middleware-subrequest': fc.constantFrom('middleware', 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware'),
    'x-nextjs-data': fc.constantFrom('1', 'x'),
    'x-forwarded-host': headerValue(60),
    'x-forwarded-proto': fc.constantFrom('http', 'https', 'gopher', ''),
    host: fc.oneof(fc.constantFrom('', 'a b', '[::1', '127.0.0.1:99999', 'localhost:13001@evil.example', 'évil'), headerValue(300)),
  },
  { requiredKeys: [] },
);

const headers = fc
  .tuple(
    fc.record(
      {
        traceparent,
        tracestate,
        baggage,
        accept: fc.constantFrom('application/json', 'text/html', '*/*', 'x/y;q=oops'),
        'content-type': fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=', 'application/x-www-form-urlencoded'),
        'user-agent': headerValue(120),
      },
      { requiredKeys: [] },
    ),
    nextInternals,
    fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,30}$/), headerValue(100), { maxKeys: 5 }),
  )
  .map(([tracing, internals, extra]) => ({ ...extra, ...internals, ...tracing }));

/** A path segment as it goes on the wire: percent-encoded or deliberately not. */
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent) },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{30,34}$/) },
  { weight: 2, arbitrary: hex(32) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom('%', '%2', '%ZZ', '%E0%A4', '%C0%AF', '%00', '%FF', '%2F', '%25', '%u0041', '%%', '%0A'), hex(2)), {
        minLength: 1,
        maxLength: 6,
      })
      .map((parts) => parts.join('')),
  },
  // Raw bytes from the Latin-1 upper half, unencoded.
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('.', '..', '%2e', '%2E%2E', '~', '@', ';', ',', '*', "'", '$', '!') },
  // Very long: some under Node's 16 KB limit for the request line and headers, some over.
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 20_000 }).map((length) => 'f'.repeat(length)) },
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 30 })), { maxLength: 5 })
    .map((pairs) => `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`),
  fc.constantFrom('?%ZZ=%', '?=', '?&&&', '?url=http://127.0.0.1:9/', '?traceId=../../etc', '?a[]=1&a[]=2', '?__proto__[x]=1', '?_rsc=1'),
);

const path = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: segment.map((id) => `/api/telemetry/${id}`) },
      { weight: 1, arbitrary: fc.constant('/api/health') },
      { weight: 2, arbitrary: fc.constant('/api/services') },
      { weight: 2, arbitrary: fc.constant('/api/traces') },
      { weight: 1, arbitrary: fc.constant('/api/traces/operations') },
      { weight: 1, arbitrary: fc.constant('/api/telemetry') },
      { weight: 1, arbitrary: segment.map((rest) => `/api/health/${rest}`) },
      { weight: 1, arbitrary: segment.map((rest) => `/api/${rest}`) },
      { weight: 1, arbitrary: fc.tuple(segment, segment).map(([a, b]) => `/api/telemetry/${a}/${b}`) },
    ),
    query,
  )
  .map(([pathname, search]) => `${pathname}${search}`);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('GET') },
  { weight: 4, arbitrary: fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
  { weight: 2, arbitrary: fc.constantFrom('TRACE', 'TRACK', 'PROPFIND', 'PURGE', 'MKCOL', 'LINK', 'QUERY') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,12}$/) },
);

const body = fc.option(
  fc.oneof(
    fc.json(),
    fc.string({ unit: 'grapheme', maxLength: 500 }),
    fc.integer({ min: 10_000, max: 200_000 }).map((length) => `{"a":"${'x'.repeat(length)}"}`),
  ),
  { nil: undefined },
);

const hostileRequest: fc.Arbitrary<HostileRequest> = fc
  .record({ method, path, headers, body })
  .map(({ method: verb, path: target, headers: sent, body: payload }) => ({
    method: verb,
    path: target,
    headers: sent,
    // GET and HEAD with a body are legal but pointless; the others get one.
    body: ['GET', 'HEAD', 'OPTIONS'].includes(verb) ? undefined : payload,
  }));

// --- the rules ---------------------------------------------------------------

function whatIsWrong(request: HostileRequest, answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (answer.status < 200 || (answer.status >= 300 && answer.status < 400)) return `answered ${answer.status}, neither 2xx nor 4xx`;
  if (answer.tookMs > ANSWER_WITHIN_MS) return `took ${answer.tookMs} ms`;
  if (answer.status >= 400 && request.method !== 'HEAD') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      return `answered ${answer.status} without a JSON body saying why (${answer.contentType}): ${answer.body.slice(0, 120)}`;
    }
    const { error, message } = (parsed ?? {}) as { error?: unknown; message?: unknown };
    if (typeof error !== 'string' || typeof message !== 'string' || message.length < 10) {
      return `answered ${answer.status} without an error and a message: ${answer.body.slice(0, 200)}`;
    }
  }
  return undefined;
}

function describe(request: HostileRequest): string {
  const headerSizes = Object.entries(request.headers).map(([name, value]) => `${name}(${value.length})`);
  return `${request.method} ${request.path.slice(0, 200)}${request.path.length > 200 ? `… (${request.path.length} chars)` : ''} headers: ${headerSizes.join(' ')}`;
}

test('hostile requests to the route handlers get a 2xx or a 4xx that says why, in time, and leave the server healthy', async () => {
  test.setTimeout(120_000);
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  const statuses = new Map<number, number>();
  let tried = 0;
  let ruleBreaks = 0;
  // Shrinking replays variations of a failure: the first few are enough to read.
  const examples: string[] = [];
  const started = Date.now();
  const fail = (request: HostileRequest, problem: string): never => {
    ruleBreaks++;
    if (examples.length < 3) examples.push(`${describe(request)} -> ${problem}`);
    throw new Error(problem);
  };

  try {
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (request) => {
        tried++;
        let answer: Answer;
        try {
          answer = await send(request);
        } catch (error) {
          return fail(request, `no answer: ${error instanceof Error ? error.message : String(error)}`);
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const problem = whatIsWrong(request, answer);
        if (problem) fail(request, problem);
      }),
      { numRuns: RUNS, seed },
    );
  } finally {
    const fiveXx = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    console.log(
      `hostile inputs: ${tried} tried, ${fiveXx} unexpected 5xx, ${ruleBreaks - fiveXx} other rule breaks ` +
        `(seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s; answers ${histogram.join(' ')})`,
    );
    for (const line of examples) console.log(`  ${line}`);
  }

  // Still up, and still itself.
  const health = await send({ method: 'GET', path: '/api/health', headers: {} });
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  const report = await send({ method: 'GET', path: '/api/telemetry/4bf92f3577b34da6a3ce929d0e0e4736', headers: {} });
  expect(report.status).toBe(200);
  expect(report.tookMs).toBeLessThan(3_500);
});

test('the answers Node gives before Next.js sees a request also say why', async () => {
  // Over Node's 16 KB limit for the request line and headers.
  const oversized = await send({ method: 'GET', path: '/api/health', headers: { tracestate: `k=${'v'.repeat(20_000)}` } });
  expect(oversized.status).toBe(431);
  expect(JSON.parse(oversized.body)).toMatchObject({ error: 'headers_too_large', message: expect.stringContaining('bytes') });

  // Next.js cannot hand TRACE to a route (the fetch standard forbids it), and failed with a 500.
  const trace = await send({ method: 'TRACE', path: '/api/health', headers: {} });
  expect(trace.status).toBe(405);
  expect(JSON.parse(trace.body)).toMatchObject({ error: 'method_not_allowed' });

  const badEncoding = await send({ method: 'GET', path: '/api/telemetry/%E0%A4%A', headers: {} });
  expect(badEncoding.status).toBe(400);
  expect(JSON.parse(badEncoding.body)).toMatchObject({ error: 'bad_percent_encoding' });

  const post = await send({ method: 'POST', path: '/api/health', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(post.status).toBe(405);
  expect(JSON.parse(post.body)).toMatchObject({ error: 'method_not_allowed', message: expect.stringContaining('GET') });

  const unknown = await send({ method: 'GET', path: '/api/telemetry/4bf92f3577b34da6a3ce929d0e0e4736/extra', headers: {} });
  expect(unknown.status).toBe(404);
  expect(JSON.parse(unknown.body)).toMatchObject({ error: 'not_found', message: expect.stringContaining('/api/telemetry/<trace id>') });
});
