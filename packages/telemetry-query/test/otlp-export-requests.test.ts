/**
 * The export decoders read what the OpenTelemetry JS exporters send with
 * OTEL_EXPORTER_OTLP_PROTOCOL=http/json: spans, log records and metric points
 * made by the real SDKs, serialized by the exporters' own JSON serializers.
 */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeLogsRequest, decodeMetricsRequest, decodeTracesRequest } from '../src/index';

const resource = resourceFromAttributes({ 'service.name': 'worker', 'deployment.environment.name': 'test' });

/** The body an OTLP/HTTP JSON exporter posts, parsed as the receiving server parses it. */
function posted(bytes: Uint8Array | undefined): unknown {
  assert.ok(bytes, 'the serializer encoded the request');
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

describe('decodeTracesRequest', () => {
  it('reads spans as the JSON trace exporter sends them: hex ids, kinds and status by name, durations in ms', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const tracer = provider.getTracer('inventory', '1.2.3');
    const start = Date.now();
    const parent = tracer.startSpan('GET /data', { kind: SpanKind.SERVER, startTime: start, attributes: { 'http.route': '/data', items: ['a', 'b'] } });
    const child = tracer.startSpan('SELECT inventory', { kind: SpanKind.CLIENT, startTime: start + 1 }, trace.setSpan(context.active(), parent));
    child.addEvent('exception', { 'exception.type': 'DemoFailure' });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end(start + 26);
    parent.end(start + 30);
    await provider.forceFlush();

    const spans = decodeTracesRequest(posted(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())));

    const server = spans.find((span) => span.name === 'GET /data');
    const query = spans.find((span) => span.name === 'SELECT inventory');
    assert.ok(server && query, `spans: ${spans.map((span) => span.name).join(', ')}`);
    assert.equal(server.kind, 'SPAN_KIND_SERVER');
    assert.equal(server.parentSpanId, '');
    assert.equal(server.service, 'worker');
    assert.equal(server.resource['deployment.environment.name'], 'test');
    assert.equal(server.scope, 'inventory');
    assert.equal(server.durationMs, 30);
    assert.equal(server.startTimeUnixMs, start);
    assert.deepEqual(server.attributes, { 'http.route': '/data', items: '["a","b"]' });
    assert.equal(query.kind, 'SPAN_KIND_CLIENT');
    assert.equal(query.traceId, server.traceId);
    assert.match(query.traceId, /^[0-9a-f]{32}$/);
    assert.equal(query.parentSpanId, server.spanId);
    assert.equal(query.statusCode, 'STATUS_CODE_ERROR');
    assert.equal(query.statusMessage, 'boom');
    assert.equal(query.durationMs, 25);
    assert.deepEqual(query.events.map((event) => [event.name, event.attributes]), [['exception', { 'exception.type': 'DemoFailure' }]]);
  });

  it('throws on a body that is not a trace export', () => {
    assert.throws(() => decodeTracesRequest({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'no ids' }] }] }] }));
  });
});

describe('decodeLogsRequest', () => {
  it('reads log records as the JSON log exporter sends them, with their span, severity, event name and body', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter })] });
    const logger = provider.getLogger('winston');
    const span = new TracerProvider().getTracer('t').startSpan('GET /data');
    const time = Date.now();
    logger.emit({
      timestamp: time,
      severityNumber: SeverityNumber.ERROR,
      severityText: 'error',
      body: 'inventory failed',
      attributes: { 'demo.items.count': 5 },
      context: trace.setSpan(context.active(), span),
    });
    logger.emit({ timestamp: time, severityNumber: SeverityNumber.INFO, eventName: 'browser.web_vital', body: { name: 'LCP', value: 812.5 } });
    await provider.forceFlush();

    const [failed, vital] = decodeLogsRequest(posted(JsonLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())));

    assert.ok(failed && vital);
    assert.equal(failed.traceId, span.spanContext().traceId);
    assert.equal(failed.spanId, span.spanContext().spanId);
    assert.equal(failed.severityNumber, 17);
    assert.equal(failed.severityText, 'error');
    assert.equal(failed.body, 'inventory failed');
    assert.equal(failed.timeUnixMs, time);
    assert.deepEqual(failed.attributes, { 'demo.items.count': 5 });
    assert.equal(failed.service, 'worker');
    assert.equal(failed.scope, 'winston');
    assert.equal(failed.eventName, '');
    assert.equal(vital.traceId, '');
    assert.equal(vital.eventName, 'browser.web_vital');
    assert.equal(vital.body, '{"name":"LCP","value":812.5}');
  });
});

describe('decodeMetricsRequest', () => {
  it('reads sums and histograms as the JSON metric exporter sends them', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const meter = new MeterProvider({ resource, readers: [reader] }).getMeter('items');
    meter.createCounter('demo.items.processed').add(5, { 'http.route': '/data' });
    const duration = meter.createHistogram('http.server.request.duration', { unit: 's' });
    duration.record(0.02, { 'http.route': '/data' });
    duration.record(0.04, { 'http.route': '/data' });
    await reader.forceFlush();
    const [collected] = exporter.getMetrics();
    assert.ok(collected);

    const points = decodeMetricsRequest(posted(JsonMetricsSerializer.serializeRequest(collected)));

    assert.deepEqual(
      points.map(({ name, type, value, count, attributes, service, scope }) => ({ name, type, value, count, attributes, service, scope })),
      [
        { name: 'demo.items.processed', type: 'sum', value: 5, count: undefined, attributes: { 'http.route': '/data' }, service: 'worker', scope: 'items' },
        { name: 'http.server.request.duration', type: 'histogram', value: undefined, count: 2, attributes: { 'http.route': '/data' }, service: 'worker', scope: 'items' },
      ],
    );
  });
});
