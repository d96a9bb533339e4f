// Nothing from the environment may change what this test expects of the defaults.
delete process.env.OTEL_RESOURCE_ATTRIBUTES;
delete process.env.OTEL_SERVICE_NAME;
delete process.env.OTEL_SDK_DISABLED;

import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { recordServerSpanFailure, startTelemetry, type TelemetryHandle } from '../src/index';
import { waitFor } from '../testing/wait-for';

const spans = new InMemorySpanExporter();
const logs = new InMemoryLogRecordExporter();
const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const metricReader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 100 });

let telemetry: TelemetryHandle;
let baseUrl: string;
let closeServer: () => void;

before(async () => {
  telemetry = startTelemetry({ serviceName: 'telemetry-test', serviceVersion: '9.9.9', exporters: { spans, logs, metricReader } });
  // Required (not imported: the hooks see require calls) only now, after the SDK has hooked module loading.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const http = require('node:http') as typeof import('node:http');
  const server = http.createServer((req, res) => {
    if (req.url === '/items/42') {
      res.end('ok');
    } else {
      recordServerSpanFailure(new RangeError('no such item'));
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeServer = () => server.close();
});

after(async () => {
  closeServer?.();
  await telemetry?.shutdown();
});

describe('startTelemetry', () => {
  it('is enabled', () => {
    assert.equal(telemetry.enabled, true);
  });

  it('traces a fetch and the server request it reaches, in one trace', async () => {
    const response = await fetch(`${baseUrl}/items/42`);
    assert.equal(await response.text(), 'ok');
    const server = await waitFor(() => spans.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER), { what: 'server span' });
    const client = spans.getFinishedSpans().find((s) => s.kind === SpanKind.CLIENT);
    assert.equal(server.name, 'GET');
    assert.equal(server.attributes['http.response.status_code'], 200);
    assert.ok(client, 'the fetch made a client span');
    assert.equal(server.spanContext().traceId, client.spanContext().traceId);
    assert.equal(server.parentSpanContext?.spanId, client.spanContext().spanId);
  });

  it('puts the demo resource attributes on spans, with deployment.environment.name defaulting to local and a UUID per process as service.instance.id', () => {
    const [span] = spans.getFinishedSpans();
    assert.ok(span);
    const attributes = span.resource.attributes;
    assert.equal(attributes['service.name'], 'telemetry-test');
    assert.equal(attributes['service.version'], '9.9.9');
    assert.equal(attributes['service.namespace'], 'o11y-demo');
    assert.equal(attributes['deployment.environment.name'], 'local');
    assert.match(String(attributes['service.instance.id']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('records a failure on the server span: exception event and status ERROR', async () => {
    spans.reset();
    assert.equal((await fetch(`${baseUrl}/broken`)).status, 500);
    const server = await waitFor(() => spans.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER), { what: 'server span' });
    assert.equal(server.status.code, SpanStatusCode.ERROR);
    const exception = server.events.find((e) => e.name === 'exception');
    assert.equal(exception?.attributes?.['exception.type'], 'RangeError');
    assert.equal(exception?.attributes?.['exception.message'], 'no such item');
  });

  it('records http.server.request.duration with the response status', async () => {
    await waitFor(
      () =>
        metrics
          .getMetrics()
          .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
          .find((m) => m.descriptor.name === 'http.server.request.duration' && m.dataPoints.some((p) => p.attributes['http.response.status_code'] === 200)),
      { what: 'request duration with the status' },
    );
  });

  it('sends winston records to the log exporter with the ids of the active span', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- required after the SDK hooked module loading, like node:http above
    const winston = require('winston') as typeof import('winston');
    const logger = winston.createLogger({ transports: [new winston.transports.Console({ silent: true })] });
    const tracer = trace.getTracer('test');
    const span = tracer.startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside a span'));
    span.end();
    const record = await waitFor(() => logs.getFinishedLogRecords().find((r) => r.body === 'inside a span'), { what: 'winston record' });
    assert.equal(record.spanContext?.traceId, span.spanContext().traceId);
    assert.equal(record.spanContext?.spanId, span.spanContext().spanId);
  });

  it('shutdown can be called twice', async () => {
    await telemetry.shutdown();
    await telemetry.shutdown();
  });
});
