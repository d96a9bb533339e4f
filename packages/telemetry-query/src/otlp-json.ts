/**
 * Reading OTLP/JSON as the backends return it. Jaeger's API v3 (the collector's
 * pdata JSON marshaller) writes ids as hex, enums as numbers and 64-bit integers
 * as strings; Tempo's API (protobuf JSON) writes ids as base64 and enums as
 * names. Everything here normalises ids to lowercase hex, enums to their names
 * and times to float milliseconds.
 */
import { z } from 'zod';

interface AnyValue {
  stringValue?: string | undefined;
  intValue?: string | number | undefined;
  doubleValue?: number | string | undefined;
  boolValue?: boolean | undefined;
  bytesValue?: string | undefined;
  arrayValue?: { values?: AnyValue[] | undefined } | undefined;
  kvlistValue?: { values?: KeyValue[] | undefined } | undefined;
}
export interface KeyValue {
  key: string;
  value?: AnyValue | undefined;
}
/** Attribute values as the demo compares them: arrays and maps come as JSON text. */
export type AttributeValue = string | number | boolean | undefined;
export type Attributes = Record<string, AttributeValue>;

const int64 = z.union([z.string().regex(/^-?\d+$/, 'an integer in a string'), z.number()]);
/** Protobuf JSON writes non-finite doubles as "NaN", "Infinity", "-Infinity". */
const double = z.union([z.number(), z.string()]);

const anyValueSchema: z.ZodType<AnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    intValue: int64.optional(),
    doubleValue: double.optional(),
    boolValue: z.boolean().optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(anyValueSchema).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(keyValueSchema).optional() }).optional(),
  }),
);
export const keyValueSchema: z.ZodType<KeyValue> = z.lazy(() => z.object({ key: z.string(), value: anyValueSchema.optional() }));

/** Span kinds and status codes by their OTLP enum number. */
const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

const scopeSchema = z.object({ name: z.string().optional(), version: z.string().optional() }).optional();

/**
 * OTLP/JSON resource spans whose attribute lists (the resource's, the spans',
 * the events') are checked by `attributes`: in full by default; a caller that
 * reads thousands of spans may check less.
 */
export function resourceSpansSchemaWith(attributes: z.ZodOptional<z.ZodType<KeyValue[]>>) {
  const span = z.object({
    traceId: z.string(),
    spanId: z.string(),
    parentSpanId: z.string().optional(),
    name: z.string(),
    kind: z.union([z.number(), z.string()]).optional(),
    startTimeUnixNano: int64.optional(),
    endTimeUnixNano: int64.optional(),
    attributes,
    status: z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }).optional(),
    events: z.array(z.object({ timeUnixNano: int64.optional(), name: z.string(), attributes })).optional(),
  });
  return z.object({
    resource: z.object({ attributes }).optional(),
    scopeSpans: z.array(z.object({ scope: scopeSchema, spans: z.array(span).optional() })).optional(),
  });
}
const attributesSchema = z.array(keyValueSchema).optional();
export const resourceSpansSchema = resourceSpansSchemaWith(attributesSchema);
export type ResourceSpans = z.output<typeof resourceSpansSchema>;
const resourceSchema = z.object({ attributes: attributesSchema }).optional();

const logRecordSchema = z.object({
  timeUnixNano: int64.optional(),
  observedTimeUnixNano: int64.optional(),
  severityNumber: z.number().optional(),
  severityText: z.string().optional(),
  body: anyValueSchema.optional(),
  attributes: z.array(keyValueSchema).optional(),
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  eventName: z.string().optional(),
});
const resourceLogsSchema = z.object({
  resource: resourceSchema,
  scopeLogs: z.array(z.object({ scope: scopeSchema, logRecords: z.array(logRecordSchema).optional() })).optional(),
});

const numberPointsSchema = z.object({
  dataPoints: z.array(z.object({ attributes: z.array(keyValueSchema).optional(), asDouble: double.optional(), asInt: int64.optional() })).optional(),
});
const histogramPointsSchema = z.object({
  dataPoints: z.array(z.object({ attributes: z.array(keyValueSchema).optional(), count: int64.optional(), sum: double.optional() })).optional(),
});
const metricSchema = z.object({
  name: z.string(),
  gauge: numberPointsSchema.optional(),
  sum: numberPointsSchema.optional(),
  histogram: histogramPointsSchema.optional(),
  exponentialHistogram: histogramPointsSchema.optional(),
});
const resourceMetricsSchema = z.object({
  resource: resourceSchema,
  scopeMetrics: z.array(z.object({ scope: scopeSchema, metrics: z.array(metricSchema).optional() })).optional(),
});

/** The bodies of OTLP/HTTP JSON exports to /v1/traces, /v1/logs and /v1/metrics. */
const tracesRequestSchema = z.object({ resourceSpans: z.array(resourceSpansSchema).optional() });
const logsRequestSchema = z.object({ resourceLogs: z.array(resourceLogsSchema).optional() });
const metricsRequestSchema = z.object({ resourceMetrics: z.array(resourceMetricsSchema).optional() });

/** One span as every caller reads it, whichever trace store it came from. */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', ... */
  kind: string;
  /** The resource's service.name. */
  service: string;
  /** Float milliseconds since the epoch (sub-millisecond precision kept). */
  startTimeUnixMs: number;
  durationMs: number;
  attributes: Attributes;
  /** 'STATUS_CODE_UNSET', 'STATUS_CODE_OK' or 'STATUS_CODE_ERROR'. */
  statusCode: string;
  statusMessage: string;
  events: { name: string; timeUnixMs: number; attributes: Attributes }[];
}

/**
 * Lowercase hex from an id in hex (Jaeger, the collector, the browser exporters)
 * or base64 (Tempo, protobuf JSON). 16- and 32-character hex strings are taken
 * as hex: base64 of an 8- or 16-byte id is 12 or 24 characters, so the two never collide.
 */
export function toHexId(id: string | undefined): string {
  if (!id) return '';
  if (/^[0-9a-f]+$/i.test(id) && (id.length === 32 || id.length === 16)) return id.toLowerCase();
  return Buffer.from(id, 'base64').toString('hex');
}

function plainValue(value: AnyValue | undefined): unknown {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plainValue);
  if (value.kvlistValue !== undefined) return Object.fromEntries((value.kvlistValue.values ?? []).map(({ key, value: v }) => [key, plainValue(v)]));
  return null;
}

/** One OTLP value as a string, number or boolean; arrays and maps as JSON text; bytes as base64. */
function readValue(value: AnyValue | undefined): AttributeValue {
  const plain = plainValue(value);
  if (plain === null) return undefined;
  if (typeof plain === 'string' || typeof plain === 'number' || typeof plain === 'boolean') return plain;
  return JSON.stringify(plain);
}

export function readAttributes(list: KeyValue[] | undefined): Attributes {
  const attributes: Attributes = {};
  for (const { key, value } of list ?? []) attributes[key] = readValue(value);
  return attributes;
}

/** Nanoseconds since the epoch (string or number) as float milliseconds. */
export function nanosToMs(nanos: string | number | undefined): number {
  if (nanos === undefined || nanos === '') return 0;
  if (typeof nanos === 'number') return nanos / 1e6;
  const value = BigInt(nanos);
  return Number(value / 1_000_000n) + Number(value % 1_000_000n) / 1e6;
}

function durationMs(start: string | number | undefined, end: string | number | undefined): number {
  if (start === undefined || end === undefined) return 0;
  return Number(BigInt(end) - BigInt(start)) / 1e6;
}

function enumName(value: number | string | undefined, names: readonly string[], unset: string): string {
  if (value === undefined) return unset;
  if (typeof value === 'number') return names[value] ?? String(value);
  return value;
}

/** OTLP/JSON resource spans -> flat spans, ids in hex, times in float ms. */
export function spansFromResourceSpans(batches: readonly ResourceSpans[]): TraceSpan[] {
  return exportedSpans(batches).map(({ resource: _resource, scope: _scope, ...span }) => span);
}

/** What a sender's resource and instrumentation scope add to each record it exports. */
interface Origin {
  /** The resource's service.name. */
  service: string;
  resource: Attributes;
  /** The instrumentation scope's name. */
  scope: string;
}

function resourceOrigin(resource: { attributes?: KeyValue[] | undefined } | undefined): Omit<Origin, 'scope'> {
  const attributes = readAttributes(resource?.attributes);
  return { service: String(attributes['service.name'] ?? ''), resource: attributes };
}

/** A span as its sender exported it: with its resource and scope. */
export interface ExportedSpan extends TraceSpan, Origin {}

function exportedSpans(batches: readonly ResourceSpans[]): ExportedSpan[] {
  return batches.flatMap((batch) => {
    const origin = resourceOrigin(batch.resource);
    return (batch.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map(
        (span): ExportedSpan => ({
          ...origin,
          scope: scope.scope?.name ?? '',
          traceId: toHexId(span.traceId),
          spanId: toHexId(span.spanId),
          parentSpanId: toHexId(span.parentSpanId),
          name: span.name,
          kind: enumName(span.kind, SPAN_KINDS, 'SPAN_KIND_UNSPECIFIED'),
          startTimeUnixMs: nanosToMs(span.startTimeUnixNano),
          durationMs: durationMs(span.startTimeUnixNano, span.endTimeUnixNano),
          attributes: readAttributes(span.attributes),
          statusCode: enumName(span.status?.code, STATUS_CODES, 'STATUS_CODE_UNSET'),
          statusMessage: span.status?.message ?? '',
          events: (span.events ?? []).map((event) => ({
            name: event.name,
            timeUnixMs: nanosToMs(event.timeUnixNano),
            attributes: readAttributes(event.attributes),
          })),
        }),
      ),
    );
  });
}

/** A number from an attribute that may hold one as text (VictoriaLogs stores every field as a string). */
export function numericAttribute(value: AttributeValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A log record as its sender exported it. */
export interface ExportedLogRecord extends Origin {
  /** Lowercase hex, '' when the record has none. */
  traceId: string;
  spanId: string;
  /** Float milliseconds since the epoch. */
  timeUnixMs: number;
  severityNumber: number;
  severityText: string;
  /** The LogRecord's EventName field (`browser.web_vital`, `exception`), '' when it has none. */
  eventName: string;
  /** A string body as it is; any other body as JSON text; '' when there is none. */
  body: string;
  attributes: Attributes;
}

/** One data point of a gauge, sum or histogram as its sender exported it. */
export interface ExportedMetricPoint extends Origin {
  name: string;
  type: 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram';
  attributes: Attributes;
  /** A gauge's or sum's value. */
  value: number | undefined;
  /** A histogram's count. */
  count: number | undefined;
}

/** An OTLP/HTTP JSON export to /v1/traces as flat spans. Throws on a body that is not one. */
export function decodeTracesRequest(body: unknown): ExportedSpan[] {
  return exportedSpans(tracesRequestSchema.parse(body).resourceSpans ?? []);
}

/** An OTLP/HTTP JSON export to /v1/logs as flat log records. Throws on a body that is not one. */
export function decodeLogsRequest(body: unknown): ExportedLogRecord[] {
  return (logsRequestSchema.parse(body).resourceLogs ?? []).flatMap((batch) => {
    const origin = resourceOrigin(batch.resource);
    return (batch.scopeLogs ?? []).flatMap((scope) =>
      (scope.logRecords ?? []).map(
        (record): ExportedLogRecord => ({
          ...origin,
          scope: scope.scope?.name ?? '',
          traceId: toHexId(record.traceId),
          spanId: toHexId(record.spanId),
          timeUnixMs: nanosToMs(record.timeUnixNano ?? record.observedTimeUnixNano),
          severityNumber: record.severityNumber ?? 0,
          severityText: record.severityText ?? '',
          eventName: record.eventName ?? '',
          body: String(readValue(record.body) ?? ''),
          attributes: readAttributes(record.attributes),
        }),
      ),
    );
  });
}

/** An OTLP/HTTP JSON export to /v1/metrics as flat data points. Throws on a body that is not one. */
export function decodeMetricsRequest(body: unknown): ExportedMetricPoint[] {
  return (metricsRequestSchema.parse(body).resourceMetrics ?? []).flatMap((batch) => {
    const origin = resourceOrigin(batch.resource);
    return (batch.scopeMetrics ?? []).flatMap((scope) =>
      (scope.metrics ?? []).flatMap((metric) => {
        const base = { ...origin, scope: scope.scope?.name ?? '', name: metric.name };
        const numberPoints = (type: 'gauge' | 'sum', points: z.output<typeof numberPointsSchema> | undefined) =>
          (points?.dataPoints ?? []).map(
            (point): ExportedMetricPoint => ({
              ...base,
              type,
              attributes: readAttributes(point.attributes),
              value: point.asDouble !== undefined ? Number(point.asDouble) : point.asInt !== undefined ? Number(point.asInt) : undefined,
              count: undefined,
            }),
          );
        const histogramPoints = (type: 'histogram' | 'exponentialHistogram', points: z.output<typeof histogramPointsSchema> | undefined) =>
          (points?.dataPoints ?? []).map(
            (point): ExportedMetricPoint => ({
              ...base,
              type,
              attributes: readAttributes(point.attributes),
              value: undefined,
              count: point.count === undefined ? undefined : Number(point.count),
            }),
          );
        return [
          ...numberPoints('gauge', metric.gauge),
          ...numberPoints('sum', metric.sum),
          ...histogramPoints('histogram', metric.histogram),
          ...histogramPoints('exponentialHistogram', metric.exponentialHistogram),
        ];
      }),
    );
  });
}
