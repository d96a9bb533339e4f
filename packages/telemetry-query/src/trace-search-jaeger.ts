/**
 * Trace search on Jaeger v2's HTTP API v3 (checked against v1.75.0's
 * cmd/query/app/apiv3/http_gateway.go and its memory store):
 *
 * - `GET /api/v3/traces?query.service_name=&query.operation_name=&query.start_time_min=<RFC 3339>
 *   &query.start_time_max=&query.duration_min=<Go duration>&query.duration_max=&query.num_traces=`
 *   answers every trace found as one OTLP JSON document (`{"result":{"resourceSpans":[...]}}`),
 *   the traces' resource spans one after the other, or 404 "No traces found".
 *   Both time bounds and `query.num_traces` (the search depth, at most the
 *   store's max_traces) are required. A trace matches when one of its spans
 *   meets every condition at once.
 * - The gateway takes no attribute filter ("not supported by grpc-gateway" in
 *   its source) and so no error filter either (Jaeger's is the attribute
 *   `error`). Those are applied here, span by span as Jaeger would, to the
 *   newest FILTERED_SEARCH_DEPTH traces that meet Jaeger's own filters.
 * - `GET /api/v3/services` -> `{"services":[...]}` (`{}` when empty),
 *   `GET /api/v3/operations?service=` -> `{"operations":[{"name","spanKind"}]}`.
 */
import { z } from 'zod';
import { readAttributes, resourceSpansSchemaWith, spansFromResourceSpans, type KeyValue, type ResourceSpans, type TraceSpan } from './otlp-json';
import { newestFirst, spanMatches, summarizeTrace, type TraceQuery, type TraceSearchResult } from './trace-search';

/** How many traces Jaeger is asked for at most when attribute or error filters are left to this package. */
export const FILTERED_SEARCH_DEPTH = 300;
/** The first, cheaper ask for such a search; deeper only when it finds too few. */
const FIRST_FILTERED_DEPTH = 50;

/**
 * A search answers hundreds of traces at once (2.4 MB for 300 of the demo's):
 * checking every attribute value's shape took most of a search's time, so
 * here an attribute is checked down to its key; readValue reads any value
 * defensively.
 */
const keyValues = z.array(z.custom<KeyValue>((value) => typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string', 'an attribute with a key')).optional();
const foundResourceSpansSchema: z.ZodType<ResourceSpans> = resourceSpansSchemaWith(keyValues);
export const jaegerFoundTracesSchema = z.object({ result: z.object({ resourceSpans: z.array(foundResourceSpansSchema).optional() }) });
export const jaegerOperationsSchema = z.object({ operations: z.array(z.object({ name: z.string(), spanKind: z.string().optional() })).optional() });

/** Go's time.ParseDuration reads "1500us"; whole microseconds keep it exact. */
function goDuration(ms: number): string {
  return `${Math.round(ms * 1000)}us`;
}

/** Whether the query needs filters Jaeger's HTTP API does not take. */
function needsLocalFilter(query: TraceQuery): boolean {
  return query.errorOnly === true || Object.keys(query.tags ?? {}).length > 0;
}

/** The search depths to ask in turn: the limit; or, filtering here, a cheap first ask, then the deepest. */
export function searchDepths(query: TraceQuery): number[] {
  return needsLocalFilter(query) ? [Math.min(Math.max(FIRST_FILTERED_DEPTH, query.limit), FILTERED_SEARCH_DEPTH), FILTERED_SEARCH_DEPTH] : [query.limit];
}

export function jaegerSearchUrl(baseUrl: string, query: TraceQuery, depth: number): string {
  const params = new URLSearchParams();
  if (query.service) params.set('query.service_name', query.service);
  if (query.operation) params.set('query.operation_name', query.operation);
  params.set('query.start_time_min', new Date(query.startUnixMs).toISOString());
  params.set('query.start_time_max', new Date(query.endUnixMs).toISOString());
  if (query.minDurationMs !== undefined) params.set('query.duration_min', goDuration(query.minDurationMs));
  if (query.maxDurationMs !== undefined) params.set('query.duration_max', goDuration(query.maxDurationMs));
  params.set('query.num_traces', String(depth));
  return `${baseUrl}/api/v3/traces?${params.toString()}`;
}

interface SpanWithResource {
  span: TraceSpan;
  resource: Record<string, string | number | boolean | undefined>;
}

type RawSpan = NonNullable<NonNullable<NonNullable<ResourceSpans['scopeSpans']>[number]['spans']>[number]>;

const hasKey = (list: readonly KeyValue[] | undefined, key: string) => (list ?? []).some((attribute) => attribute.key === key);

/**
 * Whether a span as Jaeger wrote it could match: the cheap conditions, read
 * before any conversion (a deep search answers hundreds of traces, most of
 * which an error or attribute filter rejects).
 */
function mightMatch(span: RawSpan, resource: readonly KeyValue[] | undefined, query: TraceQuery): boolean {
  if (query.errorOnly && span.status?.code !== 2 && span.status?.code !== 'STATUS_CODE_ERROR') return false;
  if (query.operation !== undefined && span.name !== query.operation) return false;
  return Object.keys(query.tags ?? {}).every(
    (key) => hasKey(span.attributes, key) || hasKey(resource, key) || (span.events ?? []).some((event) => hasKey(event.attributes, key)),
  );
}

/** Jaeger's one document of many traces, split by trace id, each span with its resource's attributes; only traces with a span that could match. */
function spansByTrace(body: z.output<typeof jaegerFoundTracesSchema>, query: TraceQuery): { traces: Map<string, SpanWithResource[]>; scanned: number } {
  const batches = body.result.resourceSpans ?? [];
  const all = new Set<string>();
  const candidates = new Set<string>();
  for (const batch of batches) {
    for (const span of (batch.scopeSpans ?? []).flatMap((scope) => scope.spans ?? [])) {
      all.add(span.traceId);
      if (mightMatch(span, batch.resource?.attributes, query)) candidates.add(span.traceId);
    }
  }
  const traces = new Map<string, SpanWithResource[]>();
  for (const batch of batches) {
    if (!(batch.scopeSpans ?? []).some((scope) => (scope.spans ?? []).some((span) => candidates.has(span.traceId)))) continue;
    const resource = readAttributes(batch.resource?.attributes);
    for (const span of spansFromResourceSpans([batch])) {
      const entries = traces.get(span.traceId);
      if (entries) entries.push({ span, resource });
      else traces.set(span.traceId, [{ span, resource }]);
    }
  }
  return { traces, scanned: all.size };
}

export function jaegerSearchResult(body: z.output<typeof jaegerFoundTracesSchema> | undefined, query: TraceQuery, storeQuery: string, depth: number): TraceSearchResult {
  const { traces, scanned } = body ? spansByTrace(body, query) : { traces: new Map<string, SpanWithResource[]>(), scanned: 0 };
  const summaries = [];
  for (const entries of traces.values()) {
    const resources = new Map(entries.map(({ span, resource }) => [span.spanId, resource]));
    const isMatch = (span: TraceSpan) => spanMatches(span, query, resources.get(span.spanId));
    // Most traces of a deep search do not match: only the ones that do are summed up.
    if (entries.some(({ span }) => isMatch(span))) summaries.push(summarizeTrace(entries.map(({ span }) => span), isMatch));
  }
  return {
    traces: newestFirst(summaries, query.limit),
    storeQuery,
    filteredHere: needsLocalFilter(query) ? { scanned, searchDepth: depth } : undefined,
  };
}
