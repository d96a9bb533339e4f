/**
 * Trace search on Tempo's HTTP API (grafana.com/docs/tempo/latest/api_docs):
 *
 * - `GET /api/search?q=<TraceQL>&limit=&start=<unix s>&end=<unix s>&spss=` ->
 *   `{"traces":[{"traceID","rootServiceName","rootTraceName","startTimeUnixNano","durationMs",
 *   "spanSets":[{"spans":[{"spanID","name","startTimeUnixNano","durationNanos","attributes"}],"matched"}],
 *   "serviceStats":{"<service>":{"spanCount","errorCount"}}}],"metrics":{...}}`.
 *   Protobuf JSON leaves out zeros and empty lists (`traces` when nothing is
 *   found, `errorCount` 0, `durationMs` under 1 ms) and the leading zeros of
 *   a `traceID`. The root's names are absent while the root span has not arrived.
 * - One span selector holds every condition, so one span must meet them all,
 *   as in Jaeger: `{ resource.service.name = "worker" && name = "SELECT inventory"
 *   && duration >= 500ms && status = error && .demo.scenarios = "slow-query" }`.
 *   An unscoped `.attr` matches span and resource attributes, and an array
 *   attribute when one of its elements is equal.
 * - Services: `GET /api/v2/search/tag/resource.service.name/values` ->
 *   `{"tagValues":[{"type":"string","value":"worker"}]}`; operations: the same
 *   for the intrinsic `name`, narrowed by `q={ resource.service.name = "worker" }`.
 */
import { z } from 'zod';
import { readAttributes, toHexId, keyValueSchema, nanosToMs } from './otlp-json';
import { MAX_MATCHED_SPANS, type TraceQuery, type TraceSearchResult, type TraceSummary } from './trace-search';

const int64 = z.union([z.string().regex(/^\d+$/), z.number()]);

const searchSpanSchema = z.object({
  spanID: z.string(),
  name: z.string().optional(),
  startTimeUnixNano: int64.optional(),
  durationNanos: int64.optional(),
  attributes: z.array(keyValueSchema).optional(),
});
const spanSetSchema = z.object({ spans: z.array(searchSpanSchema).optional(), matched: z.number().optional() });

export const tempoSearchSchema = z.object({
  traces: z
    .array(
      z.object({
        traceID: z.string(),
        rootServiceName: z.string().optional(),
        rootTraceName: z.string().optional(),
        startTimeUnixNano: int64.optional(),
        durationMs: z.number().optional(),
        /** Deprecated for spanSets, still sent. */
        spanSet: spanSetSchema.optional(),
        spanSets: z.array(spanSetSchema).optional(),
        serviceStats: z.record(z.string(), z.object({ spanCount: z.number().optional(), errorCount: z.number().optional() })).optional(),
      }),
    )
    .optional(),
});
export const tempoTagValuesSchema = z.object({ tagValues: z.array(z.object({ type: z.string().optional(), value: z.string().optional() })).optional() });

/** Tempo's placeholder for a root span that has not arrived. */
const ROOT_NOT_YET = /^<root span not yet received>$/;

/** A TraceQL string literal. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** TraceQL durations take ms, s, m, h; microsecond precision as a decimal of ms. */
function traceqlDuration(ms: number): string {
  return `${Number(ms.toFixed(3))}ms`;
}

/**
 * A tag value compared as the attribute may be typed: a number or boolean
 * written as text also matches the typed attribute (`http.response.status_code`).
 */
function tagCondition(key: string, value: string): string {
  const text = `.${key} = ${quote(value)}`;
  if (/^-?\d+(\.\d+)?$/.test(value)) return `(${text} || .${key} = ${value})`;
  if (value === 'true' || value === 'false') return `(${text} || .${key} = ${value})`;
  return text;
}

/** The query as one TraceQL span selector; keys are checked by checkTraceQuery (TAG_KEY_PATTERN). */
export function traceqlFor(query: TraceQuery): string {
  const conditions: string[] = [];
  if (query.service) conditions.push(`resource.service.name = ${quote(query.service)}`);
  if (query.operation) conditions.push(`name = ${quote(query.operation)}`);
  if (query.minDurationMs !== undefined) conditions.push(`duration >= ${traceqlDuration(query.minDurationMs)}`);
  if (query.maxDurationMs !== undefined) conditions.push(`duration <= ${traceqlDuration(query.maxDurationMs)}`);
  if (query.errorOnly) conditions.push('status = error');
  for (const [key, value] of Object.entries(query.tags ?? {})) conditions.push(tagCondition(key, value));
  return conditions.length > 0 ? `{ ${conditions.join(' && ')} }` : '{}';
}

export function tempoSearchUrl(baseUrl: string, query: TraceQuery): string {
  const params = new URLSearchParams({
    q: traceqlFor(query),
    limit: String(query.limit),
    start: String(Math.floor(query.startUnixMs / 1000)),
    end: String(Math.ceil(query.endUnixMs / 1000)),
    spss: String(MAX_MATCHED_SPANS),
  });
  return `${baseUrl}/api/search?${params.toString()}`;
}

export function tempoTagValuesUrl(baseUrl: string, tag: 'resource.service.name' | 'name', window: { startUnixMs: number; endUnixMs: number }, service?: string): string {
  const params = new URLSearchParams({ start: String(Math.floor(window.startUnixMs / 1000)), end: String(Math.ceil(window.endUnixMs / 1000)) });
  if (service) params.set('q', `{ resource.service.name = ${quote(service)} }`);
  return `${baseUrl}/api/v2/search/tag/${tag}/values?${params.toString()}`;
}

export function tagValues(body: z.output<typeof tempoTagValuesSchema>): string[] {
  return [...new Set((body.tagValues ?? []).flatMap((entry) => (entry.value ? [entry.value] : [])))].sort();
}

type TempoTrace = NonNullable<z.output<typeof tempoSearchSchema>['traces']>[number];

function summarize(trace: TempoTrace): TraceSummary {
  const rootService = trace.rootServiceName && !ROOT_NOT_YET.test(trace.rootServiceName) ? trace.rootServiceName : '';
  const stats = Object.entries(trace.serviceStats ?? {}).map(([name, stat]) => ({ name, spanCount: stat.spanCount ?? 0, errorCount: stat.errorCount ?? 0 }));
  // The root's service first, as the result list reads: where the trace started.
  stats.sort((a, b) => Number(b.name === rootService) - Number(a.name === rootService));
  const spanSets = trace.spanSets ?? (trace.spanSet ? [trace.spanSet] : []);
  const matched = spanSets
    .flatMap((set) => set.spans ?? [])
    .map((span) => ({
      spanId: toHexId(span.spanID),
      name: span.name ?? '',
      service: String(readAttributes(span.attributes)['service.name'] ?? ''),
      durationMs: nanosToMs(span.durationNanos),
    }))
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, MAX_MATCHED_SPANS);
  return {
    traceId: trace.traceID.toLowerCase().padStart(32, '0'),
    rootName: rootService ? (trace.rootTraceName ?? '') : '',
    rootService,
    rootMissing: rootService === '',
    services: stats.length > 0 ? stats : rootService ? [{ name: rootService, spanCount: 0, errorCount: 0 }] : [],
    spanCount: stats.reduce((sum, stat) => sum + stat.spanCount, 0),
    durationMs: trace.durationMs ?? 0,
    startTimeUnixMs: nanosToMs(trace.startTimeUnixNano),
    error: stats.some((stat) => stat.errorCount > 0),
    matched,
  };
}

export function tempoSearchResult(body: z.output<typeof tempoSearchSchema>, query: TraceQuery, storeQuery: string): TraceSearchResult {
  const traces = (body.traces ?? []).map(summarize);
  traces.sort((a, b) => b.startTimeUnixMs - a.startTimeUnixMs);
  return { traces: traces.slice(0, query.limit), storeQuery };
}
