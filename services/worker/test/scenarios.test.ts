import { logs } from './support/in-process-telemetry';
import { durationMs, serverSpanOf, spansOf, startsAfter, startWorker, tracedFetch, type WorkerUnderTest } from './support/worker-under-test';
import { NoAnswer, sendRaw } from './support/raw-http';
import { encodeScenarios, SCENARIO_ATTRIBUTE, SCENARIO_BAGGAGE_KEY, type ScenarioName } from '@o11y-demo/scenarios';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';

/**
 * One worker per course of chance: `() => 0` takes every chance (every query is
 * slow, every call loses its connection), `() => 0.5` none of the scenarios' odds
 * (1/3, 1/4). The values just either side of each threshold pin the odds down.
 */
const workers = new Map<number, WorkerUnderTest>();
async function worker(chance: number): Promise<WorkerUnderTest> {
  let found = workers.get(chance);
  if (found === undefined) {
    found = await startWorker(() => chance);
    workers.set(chance, found);
  }
  return found;
}

after(async () => {
  await Promise.all([...workers.values()].map((w) => w.close()));
});

/** GET /data with the scenarios in baggage, propagated as node-api propagates them. */
async function data(chance: number, scenarios: ScenarioName[] | string | undefined): Promise<{ response: Response; traceId: string; server: ReadableSpan }> {
  const baggage: Record<string, string> =
    scenarios === undefined ? {} : { [SCENARIO_BAGGAGE_KEY]: typeof scenarios === 'string' ? scenarios : encodeScenarios(scenarios) };
  const { response, traceId } = await tracedFetch(`${(await worker(chance)).url}/data`, {}, baggage);
  return { response, traceId, server: await serverSpanOf(traceId) };
}

function queries(traceId: string): ReadableSpan[] {
  return spansOf(traceId)
    .filter((s) => s.name === 'SELECT inventory')
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
}

interface DataBody {
  items: Array<{ sku: string; name: string; quantity: number }>;
  summary: { totalQuantity: number; checksum: string };
}

describe('which scenarios a request carries', () => {
  it('no baggage: no scenario attribute, one ordinary query', async () => {
    const { response, traceId, server } = await data(0, undefined);
    assert.equal(response.status, 200, 'even with every chance taken, nothing happens without a scenario');
    assert.equal(server.attributes[SCENARIO_ATTRIBUTE], undefined);
    const [query, ...more] = queries(traceId);
    assert.equal(more.length, 0);
    assert.equal(query?.attributes['demo.scenario.name'], undefined);
    assert.ok(durationMs(query!) < 200);
  });

  it('the active set arrives percent-encoded in one baggage entry and is named on the server span', async () => {
    const { server, traceId } = await data(0.5, ['n-plus-one', 'slow-query']);
    assert.deepEqual(server.attributes[SCENARIO_ATTRIBUTE], ['slow-query', 'n-plus-one'], 'in catalog order');
    assert.equal(queries(traceId).length, 6);
  });

  it('unknown names are ignored, known ones kept', async () => {
    const { response, server, traceId } = await data(0, 'no-such-scenario,n-plus-one, ,SLOW-QUERY');
    assert.equal(response.status, 200);
    assert.deepEqual(server.attributes[SCENARIO_ATTRIBUTE], ['n-plus-one']);
    assert.equal(queries(traceId).length, 6);
    const nothingKnown = await data(0, 'no-such-scenario');
    assert.equal(nothingKnown.response.status, 200);
    assert.equal(nothingKnown.server.attributes[SCENARIO_ATTRIBUTE], undefined);
    assert.equal(queries(nothingKnown.traceId).length, 1);
  });

  it('other baggage entries do not get in the way', async () => {
    const { response, traceId } = await tracedFetch(`${(await worker(0.5)).url}/data`, {}, { 'user.id': 'u-1', [SCENARIO_BAGGAGE_KEY]: 'n-plus-one' });
    assert.equal(response.status, 200);
    assert.deepEqual((await serverSpanOf(traceId)).attributes[SCENARIO_ATTRIBUTE], ['n-plus-one']);
  });

  it("scenarios the worker does not act on are named, and change nothing here", async () => {
    const { response, server, traceId } = await data(0, ['log-flood', 'long-task']);
    assert.equal(response.status, 200);
    assert.deepEqual(server.attributes[SCENARIO_ATTRIBUTE], ['log-flood', 'long-task']);
    assert.equal(queries(traceId).length, 1);
  });
});

describe('slow-query: one in three inventory queries takes 600-900 ms', () => {
  for (const [chance, slowMs] of [[0, 600], [0.33, 699]] as const) {
    it(`a chance of ${chance} makes the query span slow (${slowMs} ms) and marks it`, async () => {
      const { response, traceId, server } = await data(chance, ['slow-query']);
      assert.equal(response.status, 200);
      const [query] = queries(traceId);
      assert.ok(query);
      assert.equal(query.kind, SpanKind.CLIENT);
      assert.equal(query.attributes['demo.scenario.name'], 'slow-query');
      assert.equal(query.status.code, SpanStatusCode.UNSET);
      // Timers fire late on a busy machine, never early: the upper bound has slack.
      assert.ok(durationMs(query) >= slowMs - 1 && durationMs(query) < 900 + 300, `took ${durationMs(query)} ms`);
      assert.ok(durationMs(server) >= durationMs(query));
    });
  }

  it('a chance of 0.34 leaves it at the usual ~15 ms', async () => {
    const { traceId } = await data(0.34, ['slow-query']);
    const [query] = queries(traceId);
    assert.equal(query?.attributes['demo.scenario.name'], undefined);
    assert.ok(durationMs(query!) < 100, `took ${durationMs(query!)} ms`);
  });
});

describe('flaky-worker: one in four /data calls loses its database connection', () => {
  it('a chance of 0.24: the query span fails with the exception, then the server span, a 500 and an ERROR log', async () => {
    const { response, traceId, server } = await data(0.24, ['flaky-worker']);
    assert.equal(response.status, 500);
    const body = (await response.json()) as { error: string; message: string };
    assert.equal(body.error, 'internal_error');
    assert.match(body.message, /lost database connection/);

    const [query, ...more] = queries(traceId);
    assert.equal(more.length, 0);
    assert.equal(query?.status.code, SpanStatusCode.ERROR);
    assert.match(String(query?.status.message), /lost database connection/);
    assert.equal(query?.attributes['demo.scenario.name'], 'flaky-worker');
    assert.equal(query?.attributes['error.type'], 'LostConnectionError');
    assert.equal(query?.events.find((e) => e.name === 'exception')?.attributes?.['exception.type'], 'LostConnectionError');
    assert.equal(query?.parentSpanContext?.spanId, server.spanContext().spanId);

    assert.equal(server.status.code, SpanStatusCode.ERROR);
    assert.equal(server.attributes['http.response.status_code'], 500);
    assert.equal(server.events.find((e) => e.name === 'exception')?.attributes?.['exception.type'], 'LostConnectionError');
    assert.equal(spansOf(traceId).find((s) => s.name === 'summarise stock'), undefined, 'nothing after the failed query');

    const log = logs.getFinishedLogRecords().find((r) => r.spanContext?.traceId === traceId && r.body === 'request failed');
    assert.equal(log?.severityText, 'error');
    assert.equal(log?.spanContext?.spanId, server.spanContext().spanId);
    assert.match(log?.attributes['exception.message'] as string, /lost database connection/);
  });

  it('a chance of 0.25 answers normally', async () => {
    const { response, server } = await data(0.25, ['flaky-worker']);
    assert.equal(response.status, 200);
    assert.equal(server.status.code, SpanStatusCode.UNSET);
  });

  it('with n-plus-one as well, the first (list) query is the one that fails', async () => {
    const { response, traceId } = await data(0, ['flaky-worker', 'n-plus-one']);
    assert.equal(response.status, 500);
    const [query, ...more] = queries(traceId);
    assert.equal(more.length, 0);
    assert.match(String(query?.attributes['db.query.text']), /^SELECT sku FROM inventory/);
  });
});

describe('n-plus-one: the item list, then one query per item', () => {
  it('1 + 5 query spans, one after another, under the server span; the answer keeps its shape', async () => {
    const plain = (await (await data(0.5, undefined)).response.json()) as DataBody;
    const { response, traceId, server } = await data(0.5, ['n-plus-one']);
    assert.equal(response.status, 200);
    const body = (await response.json()) as DataBody;
    assert.deepEqual(body.items.map((i) => [i.sku, i.name]), plain.items.map((i) => [i.sku, i.name]));
    assert.deepEqual(Object.keys(body.summary), Object.keys(plain.summary));
    assert.deepEqual(Object.keys(body.items[0]!), ['sku', 'name', 'quantity']);

    const [list, ...perItem] = queries(traceId);
    assert.match(String(list?.attributes['db.query.text']), /^SELECT sku FROM inventory/);
    assert.equal(list?.attributes['db.response.returned_rows'], 5);
    assert.equal(perItem.length, 5);
    for (const query of perItem) {
      assert.equal(query.attributes['db.query.text'], 'SELECT sku, name, quantity FROM inventory WHERE sku = $1');
      assert.equal(query.attributes['db.response.returned_rows'], 1);
    }
    const all = [list, ...perItem];
    for (const query of all) assert.equal(query.parentSpanContext?.spanId, server.spanContext().spanId);
    for (let i = 1; i < all.length; i += 1) assert.ok(startsAfter(all[i]!, all[i - 1]!), 'sequential round trips');
  });
});

describe('worker-timeout: the worker takes about a second on /data', () => {
  it('a `wait for inventory lock` span of ~1000 ms before the query; the answer still comes', async () => {
    const started = performance.now();
    const { response, traceId, server } = await data(0.5, ['worker-timeout']);
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started >= 1_000);
    const lock = spansOf(traceId).find((s) => s.name === 'wait for inventory lock');
    assert.ok(lock);
    assert.equal(lock.kind, SpanKind.INTERNAL);
    assert.equal(lock.attributes['demo.scenario.name'], 'worker-timeout');
    assert.equal(lock.parentSpanContext?.spanId, server.spanContext().spanId);
    assert.ok(durationMs(lock) >= 999 && durationMs(lock) < 1_500, `waited ${durationMs(lock)} ms`);
    const [query] = queries(traceId);
    assert.ok(query && startsAfter(query, lock), 'the query waits for the lock');
  });

  it('when the caller gives up after 300 ms, the worker works on: its spans outlive the request, with a WARN line at the hang-up', async () => {
    const traceId = randomBytes(16).toString('hex');
    const request =
      'GET /data HTTP/1.1\r\nHost: worker\r\n' +
      `traceparent: 00-${traceId}-${randomBytes(8).toString('hex')}-01\r\n` +
      `baggage: ${SCENARIO_BAGGAGE_KEY}=worker-timeout\r\n\r\n`;
    // Like node-api's client: no answer within 300 ms, and the connection is closed.
    await assert.rejects(sendRaw((await worker(0.5)).port, request, { timeoutMs: 300 }), NoAnswer);

    const server = await serverSpanOf(traceId);
    const lock = await waitFor(() => spansOf(traceId).find((s) => s.name === 'wait for inventory lock'), { what: 'the lock span' });
    const processed = await waitFor(
      () => logs.getFinishedLogRecords().find((r) => r.spanContext?.traceId === traceId && r.body === 'inventory processed'),
      { what: 'the inventory log, written after the caller left' },
    );
    assert.ok(durationMs(server) < 600, `the server span ends when the connection closes (${durationMs(server)} ms)`);
    assert.ok(durationMs(lock) >= 999);
    assert.ok(queries(traceId).length === 1, 'the query still runs');
    const hangUp = logs.getFinishedLogRecords().find((r) => r.spanContext?.traceId === traceId && r.body === 'client closed the connection before the answer');
    assert.equal(hangUp?.severityText, 'warn');
    assert.equal(hangUp?.spanContext?.spanId, server.spanContext().spanId);
    assert.ok(Number(hangUp?.attributes['demo.waited_ms']) < 1_000, 'logged at the hang-up, before the work was done');
    assert.equal(processed.spanContext?.spanId, server.spanContext().spanId);
  });
});
