/**
 * Against the real VictoriaLogs binary (VICTORIALOGS_BIN): OTLP logs in as
 * protobuf at /insert/opentelemetry/v1/logs (the only encoding it accepts there,
 * and what the collector sends), encoded by the OpenTelemetry JS exporters' own
 * serializer, read back through the package's VictoriaLogs store.
 */
import { TraceFlags, type HrTime } from '@opentelemetry/api';
import type { AnyValue, AnyValueMap, SeverityNumber } from '@opentelemetry/api-logs';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { VictoriaLogsStore, createLogStore, detectBackends, numericAttribute, type LogRecord } from '../src/index';
import { backendBinary } from '../testing/backend-binaries';
import { startBackendProcess, waitUntil, type BackendProcess } from '../testing/backend-process';
import { unusedPort } from '../testing/fake-backend';

const TRACE = '5b8efff798038103d269b633813fc60c';
const OTHER_TRACE = '6c9f000809149214e37ac744924fd71d';
const SPAN = 'eee19b7ec3c1b175';
/** Recent times: VictoriaLogs refuses records older than its retention (7 days by default). */
const T0 = BigInt(Date.now() - 60_000) * 1_000_000n;

interface SentRecord {
  timeUnixNano: bigint;
  severityNumber: SeverityNumber;
  severityText?: string;
  body: AnyValue;
  attributes?: AnyValueMap;
  /** Hex. */
  traceId: string;
  spanId?: string;
  eventName?: string;
}

interface SentLogs {
  resource: Record<string, string>;
  scope: { name: string; version?: string };
  records: SentRecord[];
}

function hrTime(unixNano: bigint): HrTime {
  return [Number(unixNano / 1_000_000_000n), Number(unixNano % 1_000_000_000n)];
}

/** ExportLogsServiceRequest as protobuf bytes, as the OpenTelemetry JS OTLP/proto exporter encodes it. */
function encodeLogs(batches: SentLogs[]): Uint8Array<ArrayBuffer> {
  const records = batches.flatMap(({ resource, scope, records: sent }) => {
    // One resource and one scope object per batch: the serializer groups records by identity.
    const sdkResource = resourceFromAttributes(resource);
    return sent.map(
      (record): ReadableLogRecord => ({
        hrTime: hrTime(record.timeUnixNano),
        hrTimeObserved: hrTime(record.timeUnixNano),
        spanContext: { traceId: record.traceId, spanId: record.spanId ?? '', traceFlags: TraceFlags.SAMPLED },
        severityNumber: record.severityNumber,
        ...(record.severityText === undefined ? {} : { severityText: record.severityText }),
        ...(record.eventName === undefined ? {} : { eventName: record.eventName }),
        body: record.body,
        resource: sdkResource,
        instrumentationScope: scope,
        attributes: record.attributes ?? {},
        droppedAttributesCount: 0,
      }),
    );
  });
  const bytes = ProtobufLogsSerializer.serializeRequest(records);
  assert.ok(bytes, 'the serializer encoded the request');
  return Uint8Array.from(bytes);
}

const workerLogs = (traceId: string, t0: bigint): SentLogs => ({
  resource: { 'service.name': 'worker', 'deployment.environment.name': 'dev', 'service.version': '0.1.0' },
  scope: { name: '@opentelemetry/winston-transport', version: '0.34.0' },
  records: [
    {
      timeUnixNano: t0 + 1_500_000n,
      severityNumber: 9,
      severityText: 'INFO',
      body: 'query done',
      attributes: { rows: 3, ratio: 0.5, cached: false },
      traceId,
      spanId: SPAN,
    },
    {
      timeUnixNano: t0 + 250_000n,
      severityNumber: 17,
      severityText: 'ERROR',
      body: 'simulated failure',
      attributes: { 'exception.message': 'simulated failure', tags: ['a', 1] },
      traceId,
      spanId: SPAN,
    },
    // No severity text: VictoriaLogs fills it from the number.
    { timeUnixNano: t0 + 100_000n, severityNumber: 13, body: 'slow', traceId, spanId: SPAN },
  ],
});

describe('VictoriaLogs (real binary)', () => {
  let dir: string;
  let victoriaLogs: BackendProcess | undefined;
  let store: VictoriaLogsStore;
  let baseUrl: string;
  let startupMs: number;

  const ingest = async (batches: SentLogs[]) => {
    const response = await fetch(`${baseUrl}/insert/opentelemetry/v1/logs`, {
      method: 'POST',
      // As the collector's otlp_http/logs exporter sends it (collector/config.yaml).
      headers: { 'Content-Type': 'application/x-protobuf', 'VL-Stream-Fields': 'service.name,deployment.environment.name' },
      body: encodeLogs(batches),
    });
    assert.equal(response.status, 200, await response.text());
  };

  before(async () => {
    const binary = backendBinary('victorialogs');
    dir = await mkdtemp(join(tmpdir(), 'telemetry-query-victorialogs-'));
    const port = await unusedPort();
    baseUrl = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const proc = startBackendProcess(binary, [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${join(dir, 'data')}`, '-loggerLevel=WARN'], dir);
    victoriaLogs = proc;
    store = new VictoriaLogsStore(baseUrl);
    await waitUntil(
      async () => {
        if (proc.exitCode() !== undefined) throw new Error(`victoria-logs exited with ${proc.exitCode()}:\n${proc.output.join('\n')}`);
        return store.isReady();
      },
      'VictoriaLogs /health',
      () => proc.output.join('\n'),
    );
    startupMs = Date.now() - started;
  });

  after(async () => {
    await victoriaLogs?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts and answers /health', () => {
    assert.ok(startupMs < 30_000);
    console.log(`# VictoriaLogs ready ${startupMs} ms after start`);
  });

  it('is found by detectBackends at its URL, and is not mistaken for Quickwit', async () => {
    const { logStore } = await detectBackends({ traceStore: { kind: 'jaeger' }, logStore: { url: baseUrl } });
    assert.equal(logStore.kind, 'victorialogs');
    assert.equal((await createLogStore('quickwit', baseUrl).checkReady()).ready, false);
  });

  it('answers [] for a trace it has no logs of', async () => {
    assert.deepEqual(await store.findLogsByTraceId('0123456789abcdef0123456789abcdef'), []);
  });

  it('reads back OTLP log records by trace id, every field', async () => {
    await ingest([workerLogs(TRACE, T0)]);
    const sent = Date.now();
    let records: LogRecord[] = [];
    while (records.length < 3 && Date.now() - sent < 10_000) {
      records = await store.findLogsByTraceId(TRACE);
      if (records.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(`# logs searchable in VictoriaLogs ${Date.now() - sent} ms after ingestion returned (no flush)`);
    assert.equal(records.length, 3);
    const t0Ms = Number(T0 / 1_000_000n);

    assert.deepEqual(
      records.map((r) => [r.body, r.severityText, r.severityNumber]),
      [
        ['slow', 'Warn', 13],
        ['simulated failure', 'ERROR', 17],
        ['query done', 'INFO', 9],
      ],
      'oldest first; the missing severity text filled in by VictoriaLogs',
    );
    const [slow, error, info] = records as [LogRecord, LogRecord, LogRecord];
    assert.equal(slow.timeUnixMs, t0Ms + 0.1);
    assert.deepEqual(error, {
      timeUnixMs: t0Ms + 0.25,
      service: 'worker',
      traceId: TRACE,
      spanId: SPAN,
      severityText: 'ERROR',
      severityNumber: 17,
      body: 'simulated failure',
      attributes: {
        'deployment.environment.name': 'dev',
        'service.version': '0.1.0',
        'exception.message': 'simulated failure',
        tags: '["a",1]',
      },
    });
    assert.deepEqual(info.attributes, { 'deployment.environment.name': 'dev', 'service.version': '0.1.0', rows: '3', ratio: '0.5', cached: 'false' });
    assert.equal(numericAttribute(info.attributes['rows']), 3);
  });

  it('makes fresh records searchable at once after a flush', async () => {
    await ingest([workerLogs(OTHER_TRACE, T0 + 10_000_000n)]);
    const flushed = Date.now();
    await store.flush();
    const records = await store.findLogsByTraceId(OTHER_TRACE);
    console.log(`# flush + query took ${Date.now() - flushed} ms`);
    assert.equal(records.length, 3);
    assert.ok(records.every((record) => record.traceId === OTHER_TRACE));
    const flushing = new VictoriaLogsStore(baseUrl, { flushBeforeQuery: true });
    assert.equal((await flushing.findLogsByTraceId(OTHER_TRACE)).length, 3);
  });

  it("finds a service's newest records since a time", async () => {
    await store.flush();
    const t0Ms = Number(T0 / 1_000_000n);
    const all = await store.findServiceLogs('worker', { sinceUnixMs: t0Ms - 1000, limit: 100 });
    assert.equal(all.length, 6);
    const newest = await store.findServiceLogs('worker', { sinceUnixMs: t0Ms - 1000, limit: 2 });
    assert.deepEqual(
      newest.map((r) => [r.traceId, r.body]),
      [
        [OTHER_TRACE, 'simulated failure'],
        [OTHER_TRACE, 'query done'],
      ],
    );
    const later = await store.findServiceLogs('worker', { sinceUnixMs: t0Ms + 5, limit: 100 });
    assert.ok(later.every((r) => r.traceId === OTHER_TRACE) && later.length === 3);
    assert.deepEqual(await store.findServiceLogs('node-api', { sinceUnixMs: 0, limit: 10 }), []);
  });

  it('spreads a map body into fields and keeps the event name (no body text to show)', async () => {
    const trace = '7da0111910250325f48bd855035ae82e';
    await ingest([
      {
        resource: { 'service.name': 'frontend-web', 'session.id': 'session-1' },
        scope: { name: 'browser' },
        records: [{ timeUnixNano: T0, severityNumber: 9, eventName: 'browser.web_vital', body: { name: 'LCP', value: 812.5 }, traceId: trace }],
      },
    ]);
    await store.flush();
    const [record] = await store.findLogsByTraceId(trace);
    assert.deepEqual(record, {
      timeUnixMs: Number(T0 / 1_000_000n),
      service: 'frontend-web',
      traceId: trace,
      spanId: '',
      severityText: 'Info',
      severityNumber: 9,
      body: '',
      attributes: { 'session.id': 'session-1', event_name: 'browser.web_vital', name: 'LCP', value: '812.5' },
    });
  });

  it('serves vmui where searchUiUrl points', async () => {
    const url = store.searchUiUrl(TRACE);
    const page = await fetch(url.slice(0, url.indexOf('#')));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /<div id="root">/);
  });
});
