/**
 * The OpenTelemetry SDK inside the test process, with in-memory exporters, for
 * tests that run node-api in-process (buildApp). Import this module before
 * anything that loads fastify or pino (in-process.ts does): the instrumentations
 * hook module loading, as src/instrumentation.ts does for the real service.
 */
import { createFastifyInstrumentation, startTelemetry, type TelemetryOptions } from '@o11y-demo/telemetry';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';

type SpanExporter = NonNullable<NonNullable<TelemetryOptions['exporters']>['spans']>;
type LogRecordExporter = NonNullable<NonNullable<TelemetryOptions['exporters']>['logs']>;
type FinishedSpan = Parameters<SpanExporter['export']>[0][number];

/** A finished span, flattened for assertions. */
export interface SpanRecord {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  attributes: Record<string, unknown>;
  statusCode: SpanStatusCode;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
}

export const spans: SpanRecord[] = [];

function flatten(span: FinishedSpan): SpanRecord {
  return {
    name: span.name,
    kind: span.kind,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    attributes: { ...span.attributes },
    statusCode: span.status.code,
    events: span.events.map((event) => ({ name: event.name, attributes: { ...event.attributes } })),
  };
}

const spanExporter: SpanExporter = {
  export(finished, done) {
    for (const span of finished) spans.push(flatten(span));
    done({ code: 0 });
  },
  shutdown: async () => {},
};

// Log records are read from pino's JSON lines (see in-process.ts); the SDK's copies are dropped
// here so nothing is exported to a collector that may be running on this machine.
const logExporter: LogRecordExporter = {
  export(_records, done) {
    done({ code: 0 });
  },
  forceFlush: async () => {},
  shutdown: async () => {},
};

// Nothing from the environment may send this process's telemetry elsewhere or switch it off.
process.env.OTEL_SDK_DISABLED = 'false';
process.env.OTEL_METRICS_EXPORTER = 'none';
delete process.env.OTEL_TRACES_SAMPLER;
delete process.env.OTEL_PROPAGATORS;

export const telemetry = startTelemetry({
  serviceName: 'node-api',
  serviceVersion: '0.1.0',
  extraInstrumentations: () => [createFastifyInstrumentation()],
  exporters: { spans: spanExporter, logs: logExporter },
});

export { SpanKind, SpanStatusCode };
