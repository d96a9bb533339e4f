import { spans } from './support/in-process-telemetry';
import { startWorker, type WorkerUnderTest } from './support/worker-under-test';
import { NoAnswer, sendRaw, type RawResponse } from './support/raw-http';
import { parseFaultQuery } from '@o11y-demo/fault-injection';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import { SpanKind } from '@opentelemetry/api';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { parse as parseQueryString } from 'node:querystring';
import { after, before, it } from 'node:test';

/**
 * Whatever arrives, the worker answers: 2xx or 4xx with a JSON reason, a 5xx only
 * when one was asked for, never a hang and never a crash. Requests are written as
 * raw bytes, so they can be as malformed as a client can make them.
 */

const RUNS = 240;
const TRACEPARENT_RUNS = 60;
/** Per request, on top of any delay the request validly asked for: far above a normal answer, far below a hang. */
const ANSWER_WITHIN_MS = 3_000;

/** The worker's chance for one request comes from the request's own seed, so a failing case replays exactly. */
let chance: () => number = Math.random;
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let worker: WorkerUnderTest;
const tally = { tried: 0, unexpected5xx: 0 };

before(async () => {
  worker = await startWorker(() => chance());
});

after(async () => {
  await worker?.close();
});

// ---- what gets thrown at it ----------------------------------------------

const printable = (maxLength: number) => fc.string({ maxLength });
const unicode = (maxLength: number) => fc.string({ maxLength, unit: 'grapheme' });

const method = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('GET', 'HEAD') },
  { weight: 6, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'QUERY', 'PURGE') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{1,8}$/) },
  { weight: 1, arbitrary: printable(6).filter((s) => s.length > 0) },
);

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('data', 'health', 'error', '..', '.', '%', '%zz', '%E0%A4%A', '%2e%2e', '%00', 'DATA', '') },
  { weight: 3, arbitrary: printable(12).map(encodeURIComponent) },
  { weight: 1, arbitrary: printable(12) },
  { weight: 1, arbitrary: unicode(6) },
);
const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('/', '/health', '/data', '/error') },
  { weight: 2, arbitrary: fc.constantFrom('/DATA', '/data/', '//data', '/data/../error', '/./data', '/%zz', '/%', '/%%41', '/a%2', '*', '/data;x=1', '/data%2F', '/\\data', '/data#frag', '/%C3%A9t%C3%A9') },
  { weight: 2, arbitrary: fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 12_000 }).map((n) => `/${'a'.repeat(n)}`) },
);

const delayMs = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map(String),
  fc.constantFrom('-1', '10001', '99999999', '1.5', '1e3', '0x10', '', ' 5', 'abc', 'NaN', 'Infinity', '１０'),
  // Garbage, never a long valid delay: that would only make the run slow.
  printable(8).filter((s) => !/^\d+$/.test(s)),
);
const failRate = fc.oneof(
  fc.constantFrom('0', '0.0', '1', '0.5', '.25', '0.999999'),
  fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x.toFixed(3)),
  fc.constantFrom('1.5', '-0.1', 'often', '1.0000001', '2', '.', '0.', '1e-3', '', 'NaN'),
  printable(8),
);
const queryPair = fc.oneof(
  delayMs.map((v) => ['delayMs', v] as const),
  failRate.map((v) => ['failRate', v] as const),
  fc.tuple(printable(10), printable(20)),
);
const query = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.array(queryPair, { minLength: 1, maxLength: 4 }), fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }))
      .map(([pairs, encode]) => `?${pairs.map(([k, v]) => (encode ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`)).join('&')}`),
  },
);
const target = fc
  .tuple(path, query, fc.constantFrom('origin', 'origin', 'origin', 'origin', 'origin', 'origin', 'absolute', 'absolute-odd-host'))
  .map(([p, q, form]) => (form === 'origin' ? `${p}${q}` : form === 'absolute' ? `http://localhost${p}${q}` : `http://[::1${p}${q}`));

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const validTraceparent = fc.tuple(hex(32), hex(16)).map(([trace, span]) => `00-${trace}-${span}-01`);
/** Never accepted by the W3C propagator: wrong shape, forbidden values, or extra fields on version 00. */
const malformedTraceparent = fc.oneof(
  printable(60).filter((s) => !/^\s*[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}/.test(s)),
  fc.tuple(hex(32), hex(16)).map(([trace, span]) => `00-${trace.toUpperCase()}-${span.toUpperCase()}-01`).filter((s) => /[A-F]/.test(s)),
  hex(16).map((span) => `00-${'0'.repeat(32)}-${span}-01`),
  hex(32).map((trace) => `00-${trace}-${'0'.repeat(16)}-01`),
  fc.tuple(hex(32), hex(16)).map(([trace, span]) => `ff-${trace}-${span}-01`),
  fc.tuple(hex(31), hex(16)).map(([trace, span]) => `00-${trace}-${span}-01`),
  fc.tuple(validTraceparent, fc.nat(30)).map(([valid, cut]) => valid.slice(0, cut)),
  fc.tuple(validTraceparent, fc.constantFrom('g', 'z', '-', ' ', '%')).map(([valid, c]) => `${valid.slice(0, 10)}${c}${valid.slice(11)}`),
);
/** Longer than any traceparent may be, but within Node's header limit: still served, as a new trace. */
const oversizedTraceparent = fc.tuple(validTraceparent, fc.integer({ min: 60, max: 8_000 })).map(([valid, size]) => `${valid}-${'a'.repeat(size)}`);
const traceparent = fc.oneof(validTraceparent, malformedTraceparent, oversizedTraceparent);
const tracestate = fc.oneof(
  fc.constantFrom('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7', '=,=,,', 'a=1,a=2', 'UPPER=bad'),
  printable(100),
  fc.integer({ min: 500, max: 5_000 }).map((n) => `k=${'v'.repeat(n)}`),
);
const baggage = fc.oneof(
  // Scenarios that only change latency are left out: here they would only make the run slow.
  fc.constantFrom(
    'demo.scenarios=flaky-worker',
    'demo.scenarios=n-plus-one',
    'demo.scenarios=n-plus-one%2Cflaky-worker',
    'demo.scenarios=no-such-scenario',
    'demo.scenarios=%zz',
    'demo.scenarios=',
    'demo.scenarios',
    'demo.scenarios=n-plus-one;prop=1;x',
    '=,=,,;',
    `demo.scenarios=${'n-plus-one%2C'.repeat(100)}`,
  ),
  printable(200),
  fc.integer({ min: 1_000, max: 9_000 }).map((n) => `k=${'v'.repeat(n)}`),
);
const RESERVED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'expect', 'upgrade', 'traceparent', 'tracestate', 'baggage']);
const header = fc.oneof(
  { weight: 3, arbitrary: traceparent.map((v) => ['traceparent', v] as const) },
  { weight: 2, arbitrary: tracestate.map((v) => ['tracestate', v] as const) },
  { weight: 3, arbitrary: baggage.map((v) => ['baggage', v] as const) },
  { weight: 1, arbitrary: fc.constantFrom('100-continue', 'tea', '').map((v) => ['Expect', v] as const) },
  { weight: 1, arbitrary: fc.constantFrom(['Connection', 'Upgrade'], ['Upgrade', 'websocket'], ['Connection', 'keep-alive'], ['Content-Encoding', 'gzip']) },
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/).filter((name) => !RESERVED.has(name.toLowerCase())),
      fc.oneof(printable(100), unicode(20)),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 20_000 }).map((n) => ['X-Padding', 'p'.repeat(n)] as const) },
  // Not headers at all.
  { weight: 1, arbitrary: fc.constantFrom(['Bad Name', 'x'], ['', 'no name'], ['X-Ctl', 'a\u0001b'], ['X-Nul', 'a\u0000b']) },
);
const host = fc.oneof({ weight: 12, arbitrary: fc.constant('localhost') }, { weight: 1, arbitrary: printable(30) }, { weight: 1, arbitrary: fc.constant(undefined) });
const version = fc.oneof(
  { weight: 20, arbitrary: fc.constant('HTTP/1.1') },
  { weight: 2, arbitrary: fc.constant('HTTP/1.0') },
  { weight: 1, arbitrary: fc.constantFrom('HTTP/2.0', 'HTTP/1.9', 'FOO/1.1', 'HTTP/1.1 extra', '') },
);

interface Body {
  headers: Array<[string, string]>;
  bytes: string;
}
const bodyOf = (headers: Array<[string, string]>, bytes: string): Body => ({ headers, bytes });
const body = fc.oneof(
  { weight: 4, arbitrary: fc.constant(bodyOf([], '')) },
  { weight: 2, arbitrary: unicode(200).map((text) => bodyOf([['Content-Length', String(Buffer.byteLength(text))]], text)) },
  { weight: 1, arbitrary: fc.integer({ min: 16 * 1024 + 1, max: 80_000 }).map((n) => bodyOf([['Content-Length', String(n)]], 'x'.repeat(n))) },
  { weight: 1, arbitrary: fc.integer({ min: 16 * 1024 + 1, max: 1e9 }).map((n) => bodyOf([['Content-Length', String(n)]], '')) },
  { weight: 1, arbitrary: fc.constantFrom('-1', 'abc', '1,2', '5, 6', '', '100').map((declared) => bodyOf([['Content-Length', declared]], 'abc')) },
  {
    weight: 1,
    arbitrary: printable(100).map((text) => bodyOf([['Transfer-Encoding', 'chunked']], `${text.length.toString(16)}\r\n${text}\r\n0\r\n\r\n`)),
  },
  { weight: 1, arbitrary: fc.constantFrom('zz\r\n', '5\r\nab\r\n', '-1\r\n\r\n').map((bytes) => bodyOf([['Transfer-Encoding', 'chunked']], bytes)) },
  { weight: 1, arbitrary: fc.constant(bodyOf([['Transfer-Encoding', 'chunked'], ['Content-Length', '3']], '3\r\nabc\r\n0\r\n\r\n')) },
);

const hostileRequest = fc.record({
  method,
  target,
  version,
  host,
  headers: fc.array(header, { maxLength: 5 }),
  body,
  seed: fc.integer(),
});
type HostileRequest = typeof hostileRequest extends fc.Arbitrary<infer T> ? T : never;

function render({ method, target, version, host, headers, body }: HostileRequest): string {
  const lines = [`${method} ${target} ${version}`.trimEnd()];
  if (host !== undefined) lines.push(`Host: ${host}`);
  for (const [name, value] of [...headers, ...body.headers]) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${body.bytes}`;
}

// ---- what may come back --------------------------------------------------

/** What the worker routes on: the target's path, as Express reads it, for origin and absolute form. */
function routedPath(target: string): string {
  const path = target.startsWith('http://localhost') ? target.slice('http://localhost'.length) : target;
  return path.split(/[?#]/)[0] ?? '';
}

/** The fault settings the request validly asked for, if any. */
function requestedFaults(target: string): { delayMs: number; failRate: number } | undefined {
  const queryText = target.includes('?') ? target.slice(target.indexOf('?') + 1).split('#')[0] : '';
  const faults = parseFaultQuery(parseQueryString(queryText ?? ''), { delayMs: 0, failRate: 0 });
  return faults.ok ? faults.settings : undefined;
}

/** A 5xx is a right answer only to /error, to a valid failRate above 0, or with flaky-worker on. */
function mayFail(request: HostileRequest): boolean {
  const path = routedPath(request.target);
  if (path === '/error') return true;
  if (path !== '/data') return false;
  const flaky = request.headers.some(([name, value]) => name === 'baggage' && value.includes('flaky-worker'));
  return flaky || (requestedFaults(request.target)?.failRate ?? 0) > 0;
}

function assertJsonReason(answer: RawResponse, request: string): void {
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/, `a ${answer.statusCode} without JSON for ${request}`);
  const parsed: unknown = JSON.parse(answer.body);
  assert.ok(typeof parsed === 'object' && parsed !== null && 'message' in parsed, `no message in ${answer.body}`);
  assert.ok(typeof parsed.message === 'string' && parsed.message.length > 0, `an empty message in ${answer.body}`);
}

it(`hostile requests get a 2xx or a 4xx with a JSON reason, never a hang or a crash (${RUNS} runs)`, async () => {
  try {
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (request) => {
        tally.tried += 1;
        chance = seeded(request.seed);
        const bytes = render(request);
        const summary = JSON.stringify(bytes.length > 300 ? `${bytes.slice(0, 300)}...` : bytes);
        const delay = routedPath(request.target) === '/data' ? (requestedFaults(request.target)?.delayMs ?? 0) : 0;
        const answer = await sendRaw(worker.port, bytes, { timeoutMs: ANSWER_WITHIN_MS + delay, head: request.method === 'HEAD' }).catch(
          (error: unknown) => assert.fail(error instanceof NoAnswer ? `${error.message} for ${summary}` : String(error)),
        );
        const { statusCode } = answer;
        if (statusCode >= 500 && !mayFail(request)) {
          tally.unexpected5xx += 1;
          assert.fail(`${statusCode} ${answer.body} for ${summary}`);
        }
        assert.ok(statusCode >= 200 && statusCode < 600 && !(statusCode >= 300 && statusCode < 400), `${statusCode} for ${summary}`);
        if (statusCode >= 400 && statusCode < 500 && request.method !== 'HEAD') assertJsonReason(answer, summary);
      }),
      { numRuns: RUNS },
    );
  } finally {
    chance = Math.random;
  }
  const health = await fetch(`${worker.url}/health`);
  assert.equal(health.status, 200, 'the worker still answers after the run');
});

it(`a malformed or oversized traceparent is served, and traced as a new root span (${TRACEPARENT_RUNS} runs)`, async () => {
  let request = 0;
  await fc.assert(
    fc.asyncProperty(fc.oneof(malformedTraceparent, oversizedTraceparent), fc.option(tracestate), async (traceparent, tracestate) => {
      tally.tried += 1;
      const userAgent = `hostile-${(request += 1)}`;
      const lines = ['GET /health HTTP/1.1', 'Host: localhost', `User-Agent: ${userAgent}`, `traceparent: ${traceparent}`];
      if (tracestate !== null) lines.push(`tracestate: ${tracestate}`);
      const answer = await sendRaw(worker.port, `${lines.join('\r\n')}\r\n\r\n`, { timeoutMs: ANSWER_WITHIN_MS });
      if (answer.statusCode >= 500) tally.unexpected5xx += 1;
      assert.equal(answer.statusCode, 200);

      const server = await waitFor(
        () => spans.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.attributes['user_agent.original'] === userAgent),
        { what: `the server span of ${userAgent}`, timeoutMs: 2_000 },
      );
      const { traceId } = server.spanContext();
      assert.equal(server.parentSpanContext, undefined, `no parent taken from ${JSON.stringify(traceparent)}`);
      assert.match(traceId, /^[0-9a-f]{32}$/);
      assert.notEqual(traceId, '0'.repeat(32));
      assert.ok(!traceparent.includes(traceId), 'a new trace id, not one read from the header');
    }),
    { numRuns: TRACEPARENT_RUNS },
  );
});

after(() => {
  // The README quotes this line.
  console.log(`hostile inputs: ${tally.tried} tried, ${tally.unexpected5xx} unexpected 5xx`);
});
