import * as z from 'zod/mini';

/**
 * What GET /api/telemetry/<trace id> answers: one trace's spans, logs and
 * metrics as the backends that run hold them right now. The server builds it
 * (collect-report.ts); the browser checks it against this schema before the
 * panel shows it, so a tab left open across a deploy fails with a message
 * instead of rendering garbage. zod/mini keeps that check small in the
 * browser bundle.
 */

/** A backend as the page names it; `kind` is null when none was configured or found. */
const storeSchema = z.object({
  kind: z.nullable(z.string()),
  /** 'Jaeger', 'Tempo', 'VictoriaLogs', 'Quickwit', 'Prometheus', or a generic name when unknown. */
  name: z.string(),
  /** Whether it answered this query. */
  answered: z.boolean(),
});

const spanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.string(),
  /** 0 for a root; the server sends spans in waterfall order (parents before children). */
  depth: z.number(),
  name: z.string(),
  kind: z.string(),
  service: z.string(),
  startTimeUnixMs: z.number(),
  durationMs: z.number(),
  status: z.enum(['unset', 'ok', 'error']),
  statusMessage: z.string(),
  /** The first `exception` event's type and message, when the span recorded one. */
  exception: z.nullable(z.object({ type: z.string(), message: z.string() })),
  /** `GET /data -> 200`-style summary of the span's HTTP attributes, when it has them. */
  http: z.nullable(z.string()),
});

const logSchema = z.object({
  timeUnixMs: z.number(),
  service: z.string(),
  severityText: z.string(),
  severityNumber: z.number(),
  body: z.string(),
  spanId: z.string(),
});

const exemplarSchema = z.object({
  service: z.string(),
  spanName: z.string(),
  spanId: z.string(),
  /** The histogram bucket the exemplar sits in (`le`). */
  bucket: z.string(),
  valueSeconds: z.number(),
  timestampUnixMs: z.number(),
  /** The PromQL it was found with. */
  promql: z.string(),
});

const counterSchema = z.object({
  /** "GET /data on node-api": what is counted, in words. */
  subject: z.string(),
  promql: z.string(),
  value: z.number(),
});

const unreachableSchema = z.object({
  state: z.literal('unreachable'),
  /** "unreachable: <why>", ready to show. */
  error: z.string(),
});

const traceSectionSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('answered'), spans: z.array(spanSchema) }),
  unreachableSchema,
]);

const logSectionSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('answered'),
    records: z.array(logSchema),
    /** More records carried the trace id than the report holds. */
    truncated: z.boolean(),
  }),
  unreachableSchema,
]);

const metricSectionSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('answered'),
    /** The span-metrics exemplar carrying this trace id; null until the collector has flushed it. */
    exemplar: z.nullable(exemplarSchema),
    /** The request counter of what the trace hit; null until the trace says what that was. */
    counter: z.nullable(counterSchema),
    /**
     * When the collector's span metrics last reached Prometheus (Prometheus's
     * clock): a flush after the trace arrived has counted it, so an exemplar
     * still missing then was not kept. Null while there are none.
     */
    spanMetricsAtUnixMs: z.optional(z.nullable(z.number())),
  }),
  unreachableSchema,
]);

const linkSchema = z.object({
  label: z.string(),
  href: z.string(),
  /** Grafana links are set apart on the page: they need Grafana running. */
  tool: z.enum(['trace-store', 'log-store', 'prometheus', 'grafana']),
});

export const telemetryReportSchema = z.object({
  traceId: z.string(),
  /** When the server started querying (its clock). */
  queriedAtUnixMs: z.number(),
  tookMs: z.number(),
  stores: z.object({ traces: storeSchema, logs: storeSchema, metrics: storeSchema }),
  trace: traceSectionSchema,
  logs: logSectionSchema,
  metrics: metricSectionSchema,
  /** Only to what runs now: the trace store, log store and Prometheus that answered, Grafana when it answers. */
  links: z.array(linkSchema),
});

export type TelemetryReport = z.infer<typeof telemetryReportSchema>;
export type ReportStore = z.infer<typeof storeSchema>;
export type ReportSpan = z.infer<typeof spanSchema>;
export type ReportLog = z.infer<typeof logSchema>;
export type ReportExemplar = z.infer<typeof exemplarSchema>;
export type ReportCounter = z.infer<typeof counterSchema>;
export type ReportLink = z.infer<typeof linkSchema>;
export type TraceSection = z.infer<typeof traceSectionSchema>;
export type LogSection = z.infer<typeof logSectionSchema>;
export type MetricSection = z.infer<typeof metricSectionSchema>;

/** The route's answer to a malformed trace id (HTTP 400). */
export interface TelemetryRouteError {
  error: 'invalid_trace_id';
  message: string;
}
