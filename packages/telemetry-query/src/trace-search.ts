/**
 * Trace search, whichever store runs: what is asked (TraceQuery), its bounds,
 * and what each trace found is summed up as (TraceSummary). The stores' own
 * query languages are in trace-search-jaeger.ts and trace-search-tempo.ts.
 */
import type { AttributeValue, TraceSpan } from './otlp-json';
import { spanTree } from './trace-tree';

/** The bounds every search is held to: a page, a benchmark or a script cannot ask a store for more. */
export const TRACE_SEARCH_BOUNDS = {
  /** Traces per answer. */
  maxLimit: 100,
  defaultLimit: 20,
  /** How far back a search may look: Jaeger's memory store keeps a few thousand traces, Tempo's blocks much longer. */
  maxLookbackMs: 2 * 24 * 60 * 60 * 1000,
  defaultLookbackMs: 60 * 60 * 1000,
  /** Attribute filters per search. */
  maxTags: 5,
  /** Longest service, operation, attribute key or value accepted. */
  maxTextLength: 200,
} as const;

/** An attribute key both stores accept as is (TraceQL takes it unquoted after a dot, where a '-' would be a minus). */
export const TAG_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export interface TraceQuery {
  /** The service (resource `service.name`) of the span that must match. */
  service?: string | undefined;
  /** The span name of the span that must match. */
  operation?: string | undefined;
  /** Attribute filters on the matching span (its own, its resource's or its events'): key -> value. */
  tags?: Readonly<Record<string, string>> | undefined;
  minDurationMs?: number | undefined;
  maxDurationMs?: number | undefined;
  /** Only spans with status ERROR match. */
  errorOnly?: boolean | undefined;
  /** The window the matching span started in. */
  startUnixMs: number;
  endUnixMs: number;
  /** At most this many traces (newest first). */
  limit: number;
}

/** A span that matched every condition of the search. */
interface MatchedSpan {
  spanId: string;
  /** '' when the store did not say (Tempo names the span only in newer versions). */
  name: string;
  service: string;
  durationMs: number;
}

/** One trace found, summed up as a result list shows it. */
export interface TraceSummary {
  traceId: string;
  /** The root span's name, or the topmost span's while the root has not arrived ('' when the store does not say). */
  rootName: string;
  rootService: string;
  /** The root span is not in the store (not arrived, or its sender never exports it, as a traced script's). */
  rootMissing: boolean;
  /** Every service with spans in the trace, the root's first. */
  services: { name: string; spanCount: number; errorCount: number }[];
  spanCount: number;
  /** Root start to last end. */
  durationMs: number;
  startTimeUnixMs: number;
  /** A span of the trace has status ERROR. */
  error: boolean;
  /** Up to MAX_MATCHED_SPANS of the spans that matched, longest first. */
  matched: MatchedSpan[];
}

export interface TraceSearchResult {
  traces: TraceSummary[];
  /** What the store was asked, in its own terms (a URL or a TraceQL query), for a person to read. */
  storeQuery: string;
  /**
   * Set when part of the filtering happened here rather than in the store
   * (Jaeger's HTTP API takes no attribute or error filter): the store's newest
   * `scanned` traces that met its own filters were filtered further.
   */
  filteredHere?: { scanned: number; searchDepth: number } | undefined;
}

export const MAX_MATCHED_SPANS = 5;

/** Throws an Error naming what is out of bounds; the stores never see such a query. */
export function checkTraceQuery(query: TraceQuery): void {
  const problems: string[] = [];
  const { maxLimit, maxLookbackMs, maxTags, maxTextLength } = TRACE_SEARCH_BOUNDS;
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > maxLimit) problems.push(`limit must be an integer from 1 to ${maxLimit}`);
  if (!Number.isFinite(query.startUnixMs) || !Number.isFinite(query.endUnixMs) || query.endUnixMs <= query.startUnixMs) {
    problems.push('the window must end after it starts');
  } else if (query.endUnixMs - query.startUnixMs > maxLookbackMs) {
    problems.push(`the window may span at most ${maxLookbackMs / 3_600_000} h`);
  }
  for (const [name, value] of [
    ['minDurationMs', query.minDurationMs],
    ['maxDurationMs', query.maxDurationMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) problems.push(`${name} must be a number >= 0`);
  }
  if (query.minDurationMs !== undefined && query.maxDurationMs !== undefined && query.maxDurationMs < query.minDurationMs) {
    problems.push('maxDurationMs must not be below minDurationMs');
  }
  for (const [name, value] of [
    ['service', query.service],
    ['operation', query.operation],
  ] as const) {
    if (value !== undefined && (value.length > maxTextLength || hasControlCharacters(value))) {
      problems.push(`${name} must be at most ${maxTextLength} printable characters`);
    }
  }
  const tags = Object.entries(query.tags ?? {});
  if (tags.length > maxTags) problems.push(`at most ${maxTags} attribute filters`);
  for (const [key, value] of tags) {
    if (!TAG_KEY_PATTERN.test(key) || key.length > maxTextLength) problems.push(`attribute key "${key.slice(0, 40)}" must match ${TAG_KEY_PATTERN.source}`);
    if (value.length > maxTextLength || hasControlCharacters(value)) problems.push(`the value of ${key.slice(0, 40)} must be at most ${maxTextLength} printable characters`);
  }
  if (problems.length > 0) throw new Error(`bad trace search: ${problems.join('; ')}`);
}

function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return /[\u0000-\u001f\u007f]/.test(text);
}

/**
 * Whether an attribute holds the wanted value: equal as text, or, for an array
 * (held as JSON text, e.g. demo.scenarios `["slow-query"]`), one of its
 * elements equal as text, as TraceQL compares arrays.
 */
function attributeMatches(value: AttributeValue, wanted: string): boolean {
  if (value === undefined) return false;
  if (String(value) === wanted) return true;
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) && parsed.some((element) => String(element) === wanted);
    } catch {
      return false;
    }
  }
  return false;
}

function spanHasTag(span: TraceSpan, key: string, wanted: string, resourceAttributes: Readonly<Record<string, AttributeValue>>): boolean {
  return (
    attributeMatches(span.attributes[key], wanted) ||
    attributeMatches(resourceAttributes[key], wanted) ||
    span.events.some((event) => attributeMatches(event.attributes[key], wanted))
  );
}

/** Whether one span meets every condition of the query (the time window included), as Jaeger and TraceQL judge a span. */
export function spanMatches(span: TraceSpan, query: TraceQuery, resourceAttributes: Readonly<Record<string, AttributeValue>> = {}): boolean {
  if (query.service !== undefined && span.service !== query.service) return false;
  if (query.operation !== undefined && span.name !== query.operation) return false;
  if (query.errorOnly && span.statusCode !== 'STATUS_CODE_ERROR') return false;
  if (query.minDurationMs !== undefined && span.durationMs < query.minDurationMs) return false;
  if (query.maxDurationMs !== undefined && span.durationMs > query.maxDurationMs) return false;
  if (span.startTimeUnixMs < query.startUnixMs || span.startTimeUnixMs > query.endUnixMs) return false;
  return Object.entries(query.tags ?? {}).every(([key, wanted]) => spanHasTag(span, key, wanted, resourceAttributes));
}

/** A whole trace's spans summed up, with the spans `isMatch` picks as its matches. */
export function summarizeTrace(spans: readonly TraceSpan[], isMatch: (span: TraceSpan) => boolean): TraceSummary {
  const ordered = spanTree(spans).map(({ span }) => span);
  const root = ordered[0];
  const start = Math.min(...spans.map((span) => span.startTimeUnixMs));
  const end = Math.max(...spans.map((span) => span.startTimeUnixMs + span.durationMs));
  const services = new Map<string, { name: string; spanCount: number; errorCount: number }>();
  for (const span of ordered) {
    const entry = services.get(span.service) ?? { name: span.service, spanCount: 0, errorCount: 0 };
    entry.spanCount += 1;
    if (span.statusCode === 'STATUS_CODE_ERROR') entry.errorCount += 1;
    services.set(span.service, entry);
  }
  const matched = spans
    .filter(isMatch)
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, MAX_MATCHED_SPANS)
    .map((span) => ({ spanId: span.spanId, name: span.name, service: span.service, durationMs: span.durationMs }));
  return {
    traceId: root?.traceId ?? '',
    rootName: root?.name ?? '',
    rootService: root?.service ?? '',
    rootMissing: root?.parentSpanId !== '',
    services: [...services.values()],
    spanCount: spans.length,
    durationMs: spans.length > 0 ? end - start : 0,
    startTimeUnixMs: spans.length > 0 ? start : 0,
    error: spans.some((span) => span.statusCode === 'STATUS_CODE_ERROR'),
    matched,
  };
}

/** Newest first, at most `limit`. */
export function newestFirst(traces: TraceSummary[], limit: number): TraceSummary[] {
  return [...traces].sort((a, b) => b.startTimeUnixMs - a.startTimeUnixMs).slice(0, limit);
}
