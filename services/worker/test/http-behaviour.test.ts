import { logs, requestDurations, spans } from './support/in-process-telemetry';
import { serverSpanOf, spansOf, startWorker, tracedFetch, type WorkerUnderTest } from './support/worker-under-test';
import { sendRaw } from './support/raw-http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

let worker: WorkerUnderTest;

before(async () => {
  worker = await startWorker(() => 0.5);
});

after(async () => {
  await worker?.close();
});

async function json(response: Response): Promise<Record<string, unknown>> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return (await response.json()) as Record<string, unknown>;
}

async function durationPoint(route: string | undefined, statusCode: number): Promise<unknown> {
  return waitFor(
    async () =>
      (await requestDurations()).find(
        (p) => p.attributes['http.route'] === route && p.attributes['http.response.status_code'] === statusCode,
      ),
    { what: `a request duration for ${route ?? 'no route'} ${statusCode}` },
  );
}

describe('routes on Express', () => {
  it('GET /data: server span named by the route Express matched, query and CPU spans directly under it', async () => {
    const { response, traceId } = await tracedFetch(`${worker.url}/data`);
    assert.equal(response.status, 200);
    const body = await json(response);
    assert.equal(body.traceId, traceId);
    assert.equal((body.items as unknown[]).length, 5);

    const server = await serverSpanOf(traceId);
    assert.equal(server.name, 'GET /data');
    assert.equal(server.attributes['http.route'], '/data');
    assert.equal(server.attributes['demo.scenarios'], undefined, 'no scenario without baggage');
    for (const name of ['SELECT inventory', 'summarise stock']) {
      const child = spansOf(traceId).find((s) => s.name === name);
      assert.equal(child?.parentSpanContext?.spanId, server.spanContext().spanId, `${name} is a child of the server span`);
    }
    await durationPoint('/data', 200);

    const log = await waitFor(() => logs.getFinishedLogRecords().find((r) => r.spanContext?.traceId === traceId && r.body === 'inventory processed'), {
      what: 'the inventory log record',
    });
    assert.equal(log.spanContext?.spanId, server.spanContext().spanId);
  });

  it('Express adds no spans of its own: its middleware and handler layers are ignored', async () => {
    const { traceId } = await tracedFetch(`${worker.url}/health`);
    await serverSpanOf(traceId);
    assert.deepEqual(
      spans.getFinishedSpans().filter((s) => s.instrumentationScope.name.includes('express')).map((s) => s.name),
      [],
    );
  });

  it('GET / and /health answer JSON under their routes; HEAD is answered like GET, without a body', async () => {
    const root = await tracedFetch(`${worker.url}/`);
    assert.deepEqual(await json(root.response), { service: 'worker', version: '0.1.0', status: 'ok' });
    assert.equal((await serverSpanOf(root.traceId)).attributes['http.route'], '/');
    const health = await tracedFetch(`${worker.url}/health`);
    assert.deepEqual(await json(health.response), { status: 'ok' });
    assert.equal((await serverSpanOf(health.traceId)).name, 'GET /health');
    const head = await tracedFetch(`${worker.url}/data`, { method: 'HEAD' });
    assert.equal(head.response.status, 200);
    assert.equal(await head.response.text(), '');
  });

  it('unknown paths get a JSON 404 without an http.route (no unbounded label values)', async () => {
    const { response, traceId } = await tracedFetch(`${worker.url}/a/b/c?x=1`);
    assert.equal(response.status, 404);
    assert.deepEqual(await json(response), { error: 'not_found', message: 'No route for GET /a/b/c' });
    const server = await serverSpanOf(traceId);
    assert.equal(server.attributes['http.route'], undefined);
    assert.equal(server.name, 'GET');
    await durationPoint(undefined, 404);
  });

  it('each route has one spelling: /DATA and /data/ are 404s, not /data', async () => {
    for (const path of ['/DATA', '/data/', '/health/']) {
      const response = await fetch(`${worker.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.equal((await json(response)).error, 'not_found');
    }
  });

  it('another method on a known path gets a JSON 405, counted under the route', async () => {
    const { response, traceId } = await tracedFetch(`${worker.url}/data`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
    assert.deepEqual(await json(response), { error: 'method_not_allowed', message: '/data only answers GET' });
    const server = await serverSpanOf(traceId);
    assert.equal(server.name, 'POST /data');
    assert.equal(server.attributes['http.route'], '/data');
    await durationPoint('/data', 405);
    for (const method of ['PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      assert.equal((await fetch(`${worker.url}/health`, { method })).status, 405, method);
    }
  });

  it('a declared body over 16 KiB gets a JSON 413, unread', async () => {
    const response = await fetch(`${worker.url}/data`, { method: 'POST', body: 'x'.repeat(64 * 1024) });
    assert.equal(response.status, 413);
    assert.deepEqual(await json(response), { error: 'payload_too_large', message: 'Request bodies are limited to 16384 bytes.' });
  });

  it('a bad fault parameter gets a 400 naming it and its range', async () => {
    const response = await fetch(`${worker.url}/data?delayMs=soon`);
    assert.equal(response.status, 400);
    assert.deepEqual(await json(response), {
      error: 'invalid_parameter',
      parameter: 'delayMs',
      message: 'delayMs must be a whole number of milliseconds from 0 to 10000',
    });
  });
});

describe('malformed requests get a JSON answer saying what was wrong', () => {
  it('malformed percent-encoding in the path: 400', async () => {
    const response = await fetch(`${worker.url}/%zz`);
    assert.equal(response.status, 400);
    assert.deepEqual(await json(response), { error: 'bad_request', message: 'The request path has malformed percent-encoding.' });
  });

  const raw: Array<[string, string, number, RegExp]> = [
    ['a target that is no URL', 'GET http://[bad/ HTTP/1.1\r\nHost: x\r\n\r\n', 400, /not a valid URL path/],
    ['bytes that are not HTTP', 'NOT HTTP AT ALL\r\n\r\n', 400, /^the request line does not start with an HTTP method$/],
    ['an invalid Content-Length', 'GET /data HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400, /^malformed HTTP request \(HPE_INVALID_CONTENT_LENGTH: .+\)$/],
    ['HTTP/1.1 without Host', 'GET /health HTTP/1.1\r\n\r\n', 400, /Host header/],
    ['headers over the limit', `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\n`, 431, /headers exceed 16384 bytes/],
    ['an Expect other than 100-continue', 'GET /health HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n', 417, /Expect: tea cannot be met/],
    ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 405, /not a proxy/],
  ];
  for (const [what, request, statusCode, message] of raw) {
    it(`${what}: ${statusCode}`, async () => {
      const answer = await sendRaw(worker.port, request, { timeoutMs: 2_000 });
      assert.equal(answer.statusCode, statusCode);
      assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
      const body = JSON.parse(answer.body) as { error: string; message: string };
      assert.equal(typeof body.error, 'string');
      assert.match(body.message, message);
    });
  }

  it('Expect: 100-continue is honoured', async () => {
    const answer = await sendRaw(worker.port, 'GET /health HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n', { timeoutMs: 2_000 });
    assert.equal(answer.statusCode, 200);
  });

  it('a malformed HEAD gets the status without a body', async () => {
    const answer = await sendRaw(worker.port, 'HEAD /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', { timeoutMs: 2_000, head: true });
    assert.equal(answer.statusCode, 400);
    assert.equal(answer.body, '');
  });

  it('the worker is still up afterwards', async () => {
    assert.equal((await fetch(`${worker.url}/health`)).status, 200);
  });
});

describe('rejected requests are traced like any other', () => {
  /** The server span the edge's answer produced, found by its status (each case below has its own). */
  async function rejectionSpan(method: string, statusCode: number) {
    return waitFor(
      () =>
        spans
          .getFinishedSpans()
          .find(
            (s) => s.kind === SpanKind.SERVER && s.attributes['http.request.method'] === method && s.attributes['http.response.status_code'] === statusCode,
          ),
      { what: `a server span for ${method} answered ${statusCode}` },
    );
  }
  async function rejectionDuration(method: string, statusCode: number) {
    return waitFor(
      async () =>
        (await requestDurations()).find(
          (p) => p.attributes['http.request.method'] === method && p.attributes['http.response.status_code'] === statusCode,
        ),
      { what: `a request duration for ${method} ${statusCode}` },
    );
  }

  it('an unmet Expect: a 417 server span and duration point', async () => {
    assert.equal((await sendRaw(worker.port, 'PUT /health HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n', { timeoutMs: 2_000 })).statusCode, 417);
    await rejectionSpan('PUT', 417);
    await rejectionDuration('PUT', 417);
  });

  it('CONNECT: a 405 server span and duration point', async () => {
    await sendRaw(worker.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', { timeoutMs: 2_000 });
    await rejectionSpan('CONNECT', 405);
    await rejectionDuration('CONNECT', 405);
  });

  it('bytes the parser refuses: a 400 server span with the parser error as error.type', async () => {
    await sendRaw(worker.port, 'DELETE /x HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', { timeoutMs: 2_000 });
    const span = await rejectionSpan('DELETE', 400);
    assert.equal(span.attributes['error.type'], 'HPE_INVALID_CONTENT_LENGTH');
    await rejectionDuration('DELETE', 400);
  });
});

describe('failures: 500 with the exception on the server span and an ERROR log', () => {
  it('GET /error', async () => {
    const { response, traceId } = await tracedFetch(`${worker.url}/error`);
    assert.equal(response.status, 500);
    assert.deepEqual(await json(response), {
      error: 'internal_error',
      message: 'Simulated failure in the worker (GET /error fails on purpose)',
    });
    const server = await serverSpanOf(traceId);
    assert.equal(server.name, 'GET /error');
    assert.equal(server.status.code, SpanStatusCode.ERROR);
    assert.equal(server.events.find((e) => e.name === 'exception')?.attributes?.['exception.type'], 'DemoFailure');
    await durationPoint('/error', 500);
    const log = logs.getFinishedLogRecords().find((r) => r.spanContext?.traceId === traceId && r.body === 'request failed');
    assert.equal(log?.severityText, 'error');
    assert.equal(log?.spanContext?.spanId, server.spanContext().spanId);
    assert.equal(log?.attributes['exception.type'], 'DemoFailure');
  });

  it('failRate=1 fails with InjectedFailure; the fault settings are on the server span', async () => {
    const { response, traceId } = await tracedFetch(`${worker.url}/data?failRate=1&delayMs=5`);
    assert.equal(response.status, 500);
    assert.match(String((await json(response)).message), /^Injected failure/);
    const server = await serverSpanOf(traceId);
    assert.equal(server.kind, SpanKind.SERVER);
    assert.equal(server.attributes['demo.fault.fail_rate'], 1);
    assert.equal(server.attributes['demo.fault.delay_ms'], 5);
    assert.equal(server.events.find((e) => e.name === 'exception')?.attributes?.['exception.type'], 'InjectedFailure');
  });
});
