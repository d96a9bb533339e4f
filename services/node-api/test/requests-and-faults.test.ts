import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import { jsonLine, startServiceProcess } from '@o11y-demo/telemetry/testing/service-process';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NODE_API_ENTRY, WORKER_ENTRY, startOtlpReceiver, startTwoServices, type OtlpReceiver, type TwoServices } from './two-services';

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

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe('routes', () => {
  it('GET / names the service and its version', async () => {
    const { status, body } = await getJson(`${services.nodeApi.url}/`);
    assert.equal(status, 200);
    assert.deepEqual(body, { service: 'node-api', version: '0.1.0', status: 'ok' });
  });

  it('GET /health and /ready answer 200 while the worker is up', async () => {
    assert.equal((await getJson(`${services.nodeApi.url}/health`)).status, 200);
    const ready = await getJson(`${services.nodeApi.url}/ready`);
    assert.equal(ready.status, 200);
    assert.equal(ready.body.worker, 'reachable');
  });

  it('/ready answers 503 when the worker cannot be reached', async () => {
    const lonely = await startServiceProcess({
      entry: NODE_API_ENTRY,
      env: { PORT: '0', OTEL_SDK_DISABLED: 'true', WORKER_URL: 'http://127.0.0.1:9' },
    });
    try {
      const ready = await getJson(`${lonely.url}/ready`);
      assert.equal(ready.status, 503);
      assert.equal(ready.body.status, 'not_ready');
      const data = await getJson(`${lonely.url}/data`);
      assert.equal(data.status, 502);
      assert.equal(data.body.error, 'worker_failed');
    } finally {
      await lonely.stop();
    }
  });

  for (const service of ['nodeApi', 'worker'] as const) {
    it(`${service}: unknown routes get a JSON 404`, async () => {
      const { status, body, headers } = await getJson(`${services[service].url}/no/such/route?x=1`);
      assert.equal(status, 404);
      assert.match(headers.get('content-type') ?? '', /application\/json/);
      assert.equal(body.error, 'not_found');
    });
  }
});

describe('fault injection on /data', () => {
  for (const service of ['nodeApi', 'worker'] as const) {
    it(`${service}: delayMs adds latency to the server span`, async () => {
      const started = performance.now();
      const { status } = await getJson(`${services[service].url}/data?delayMs=300`);
      assert.equal(status, 200);
      assert.ok(performance.now() - started >= 300, 'the response waited for the delay');
    });

    it(`${service}: failRate=1 always fails with 500 and failRate=0 never does`, async () => {
      const failed = await getJson(`${services[service].url}/data?failRate=1`);
      assert.equal(failed.status, 500);
      assert.match(String(failed.body.message), /Injected failure/);
      const fine = await getJson(`${services[service].url}/data?failRate=0`);
      assert.equal(fine.status, 200);
    });

    const invalid: Array<[string, 'delayMs' | 'failRate', RegExp]> = [
      ['delayMs=-1', 'delayMs', /from 0 to 10000/],
      ['delayMs=10001', 'delayMs', /from 0 to 10000/],
      ['delayMs=1.5', 'delayMs', /whole number/],
      ['delayMs=abc', 'delayMs', /from 0 to 10000/],
      ['delayMs=', 'delayMs', /from 0 to 10000/],
      ['failRate=1.5', 'failRate', /from 0 to 1/],
      ['failRate=-0.1', 'failRate', /from 0 to 1/],
      ['failRate=often', 'failRate', /from 0 to 1/],
    ];
    for (const [query, parameter, range] of invalid) {
      it(`${service}: ${query} gets 400 naming ${parameter} and its range`, async () => {
        const { status, body } = await getJson(`${services[service].url}/data?${query}`);
        assert.equal(status, 400);
        assert.equal(body.parameter, parameter);
        assert.match(String(body.message), new RegExp(parameter));
        assert.match(String(body.message), range);
      });
    }
  }

  it('DEFAULT_DELAY_MS and DEFAULT_FAIL_RATE set the defaults; query parameters override them', async () => {
    const flaky = await startServiceProcess({
      entry: WORKER_ENTRY,
      env: { PORT: '0', OTEL_SDK_DISABLED: 'true', DEFAULT_FAIL_RATE: '1', DEFAULT_DELAY_MS: '150' },
    });
    try {
      const started = performance.now();
      assert.equal((await getJson(`${flaky.url}/data`)).status, 500);
      assert.ok(performance.now() - started >= 150);
      assert.equal((await getJson(`${flaky.url}/data?failRate=0&delayMs=0`)).status, 200);
    } finally {
      await flaky.stop();
    }
  });
});

describe('bad input never crashes a service', () => {
  it('node-api: oversized body 413, malformed JSON 400, bad URL 400', async () => {
    const big = await getJson(`${services.nodeApi.url}/data`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(64 * 1024) }),
    });
    assert.equal(big.status, 413);
    const malformed = await getJson(`${services.nodeApi.url}/data`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated',
    });
    assert.equal(malformed.status, 400);
    const badUrl = await getJson(`${services.nodeApi.url}/%zz`);
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.body.error, 'bad_request');
  });

  it('worker: oversized body 413, wrong method 405, bad request line 400', async () => {
    const big = await getJson(`${services.worker.url}/data`, { method: 'POST', body: 'x'.repeat(64 * 1024) });
    assert.equal(big.status, 413);
    const post = await getJson(`${services.worker.url}/data`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    const { connect } = await import('node:net');
    const { port, hostname } = new URL(services.worker.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
  });

  it('both services are still up afterwards', async () => {
    assert.equal((await getJson(`${services.nodeApi.url}/health`)).status, 200);
    assert.equal((await getJson(`${services.worker.url}/health`)).status, 200);
    assert.equal(services.nodeApi.exitCode(), undefined);
    assert.equal(services.worker.exitCode(), undefined);
  });
});

describe('CORS for the browser page', () => {
  it('lets the configured origins send traceparent, tracestate and baggage', async () => {
    for (const origin of ['http://localhost:3001', 'http://127.0.0.1:3001']) {
      const response = await fetch(`${services.nodeApi.url}/data`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'traceparent,tracestate,baggage' },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
      for (const header of ['traceparent', 'tracestate', 'baggage']) assert.ok(allowed.includes(header), header);
    }
  });

  it('does not allow other origins', async () => {
    const response = await fetch(`${services.nodeApi.url}/data`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('the scenario switch of the running service', () => {
  it('switches log-flood on over HTTP, floods node-api\'s stdout for /data, and switches off again', async () => {
    const url = services.nodeApi.url;
    try {
      const on = await getJson(`${url}/scenarios/log-flood`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ active: true }),
      });
      assert.equal(on.status, 200);
      assert.deepEqual(on.body.active, ['log-flood']);
      const data = await getJson(`${url}/data`);
      assert.equal(data.status, 200, 'the real worker takes the baggage in its stride');
      const traceId = String(data.body.traceId);
      await waitFor(
        () => services.nodeApi.stdout.map(jsonLine).filter((r) => r?.trace_id === traceId && r.msg === 'cache lookup').length === 50,
        { what: '50 "cache lookup" lines on node-api\'s stdout' },
      );
    } finally {
      const off = await getJson(`${url}/scenarios`, { method: 'DELETE' });
      assert.equal(off.status, 200);
      assert.deepEqual(off.body.active, []);
    }
  });
});

describe('invalid configuration fails fast at startup', () => {
  const cases: Array<[string, string, Record<string, string>, RegExp]> = [
    ['node-api', NODE_API_ENTRY, { PORT: 'eighty' }, /PORT: PORT must be a number/],
    ['node-api', NODE_API_ENTRY, { PORT: '0', WORKER_URL: 'worker:8002' }, /WORKER_URL: WORKER_URL must be an http\(s\) URL/],
    ['node-api', NODE_API_ENTRY, { PORT: '0', CORS_ORIGINS: 'not an origin' }, /CORS_ORIGINS/],
    ['worker', WORKER_ENTRY, { PORT: '0', DEFAULT_FAIL_RATE: '2' }, /DEFAULT_FAIL_RATE: DEFAULT_FAIL_RATE must be between 0 and 1/],
    ['worker', WORKER_ENTRY, { PORT: '0', DEFAULT_DELAY_MS: '-5' }, /DEFAULT_DELAY_MS: DEFAULT_DELAY_MS must be between 0 and 10000/],
  ];
  for (const [service, entry, env, message] of cases) {
    it(`${service} with ${JSON.stringify(env)} exits 2 and names the variable`, async () => {
      const start = startServiceProcess({ entry, env: { OTEL_SDK_DISABLED: 'true', ...env }, timeoutMs: 10_000 });
      const error = await start.then(
        () => assert.fail('the service started'),
        (e: unknown) => e as Error,
      );
      assert.match(error.message, /exited with 2/);
      assert.match(error.message, message);
      assert.match(error.message, /Fix or unset/);
    });
  }
});

describe('telemetry of the fault-injected requests', () => {
  it('marks the injected delay on the server span', async () => {
    const span = await waitFor(
      () => receiver.spans.find((s) => s.kind === 'SPAN_KIND_SERVER' && s.attributes['demo.fault.delay_ms'] === 300),
      { what: 'a server span with the injected delay' },
    );
    assert.ok(span.durationMs >= 300);
  });
});
