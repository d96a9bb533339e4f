import { LOOPBACK, PORTS, httpUrl } from '@o11y-demo/topology';
import { z } from 'zod';
import { backendRequest, expectOk, parseJsonBody, type Readiness } from './http';
import { HttpStore, type StoreOptions } from './http-store';
import { resourceSpansSchema, spansFromResourceSpans, type TraceSpan } from './otlp-json';
import { requireTraceId } from './trace-id';
import { TRACE_SEARCH_BOUNDS, checkTraceQuery, type TraceQuery, type TraceSearchResult } from './trace-search';
import { jaegerFoundTracesSchema, jaegerOperationsSchema, jaegerSearchResult, jaegerSearchUrl, searchDepths } from './trace-search-jaeger';
import { tagValues, tempoSearchResult, tempoSearchSchema, tempoSearchUrl, tempoTagValuesSchema, tempoTagValuesUrl } from './trace-search-tempo';

export type { StoreOptions } from './http-store';

export type TraceStoreKind = 'jaeger' | 'tempo';
export const TRACE_STORE_KINDS = ['jaeger', 'tempo'] as const satisfies readonly TraceStoreKind[];

export interface TraceStore {
  readonly kind: TraceStoreKind;
  /** 'Jaeger' or 'Tempo'. */
  readonly displayName: string;
  readonly baseUrl: string;
  /** What isReady asks. */
  readonly readinessUrl: string;
  isReady(signal?: AbortSignal): Promise<boolean>;
  /** isReady with what the probe saw, for messages. */
  checkReady(signal?: AbortSignal): Promise<Readiness>;
  /** The trace's spans; `undefined` while the store does not have the trace (yet). */
  getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpan[] | undefined>;
  /** The trace as raw JSON from the store's API: a URL a person can open. */
  traceApiUrl(traceId: string): string;
  /**
   * The newest traces with a span that meets every condition of `query`
   * (checked first: out of TRACE_SEARCH_BOUNDS throws before the store is asked).
   */
  searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<TraceSearchResult>;
  /** The services the store has spans of, sorted. */
  listServices(signal?: AbortSignal): Promise<string[]>;
  /** The span names of one service, sorted. */
  listOperations(service: string, signal?: AbortSignal): Promise<string[]>;
}

/** Jaeger v2's API v3: `{"result":{"resourceSpans":[...]}}`, ids in hex, enums as numbers. */
const jaegerTraceSchema = z.object({ result: z.object({ resourceSpans: z.array(resourceSpansSchema).optional() }) });
/** `{"services":["frontend",...]}`; protobuf JSON leaves out the empty list. */
const jaegerServicesSchema = z.object({ services: z.array(z.string()).optional() });
/** Tempo's `/api/v2/traces/<id>`: `{"trace":{"resourceSpans":[...]}}`, ids in base64, enums as names. */
const tempoTraceSchema = z.object({
  trace: z.object({ resourceSpans: z.array(resourceSpansSchema).optional() }).optional(),
  status: z.string().optional(),
  message: z.string().optional(),
});

abstract class HttpTraceStore extends HttpStore implements TraceStore {
  abstract readonly kind: TraceStoreKind;
  abstract traceApiUrl(traceId: string): string;
  protected abstract spansFromBody(url: string, text: string): TraceSpan[] | undefined;
  abstract searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<TraceSearchResult>;
  abstract listServices(signal?: AbortSignal): Promise<string[]>;
  abstract listOperations(service: string, signal?: AbortSignal): Promise<string[]>;

  /** GET `url` as JSON of `schema`; `undefined` for a 404 when `notFoundIsEmpty`. */
  protected async getJson<T extends z.ZodType>(url: string, schema: T, signal: AbortSignal | undefined, notFoundIsEmpty = false): Promise<z.output<T> | undefined> {
    const request = { backend: this.displayName, url, signal, timeoutMs: this.timeoutMs, headers: { Accept: 'application/json' } };
    const response = await backendRequest(request);
    if (notFoundIsEmpty && response.status === 404) return undefined;
    expectOk(request, response);
    return parseJsonBody(request, response.text, schema);
  }

  async getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpan[] | undefined> {
    const url = this.traceApiUrl(requireTraceId(traceId));
    const request = { backend: this.displayName, url, signal, timeoutMs: this.timeoutMs, headers: { Accept: 'application/json' } };
    const response = await backendRequest(request);
    if (response.status === 404) return undefined;
    expectOk(request, response);
    return this.spansFromBody(url, response.text);
  }
}

class JaegerTraceStore extends HttpTraceStore {
  readonly kind = 'jaeger' as const;
  readonly displayName = 'Jaeger';

  /**
   * The query API itself: Jaeger's healthcheckv2 extension would need port 13133, the
   * collector's. It answers `{}` (no services yet) or `{"services":[...]}`.
   */
  get readinessUrl(): string {
    return `${this.baseUrl}/api/v3/services`;
  }

  traceApiUrl(traceId: string): string {
    return `${this.baseUrl}/api/v3/traces/${traceId.toLowerCase()}`;
  }

  protected readyAnswer(text: string): boolean {
    try {
      return jaegerServicesSchema.safeParse(JSON.parse(text)).success;
    } catch {
      return false;
    }
  }

  protected spansFromBody(url: string, text: string): TraceSpan[] | undefined {
    const body = parseJsonBody({ backend: this.displayName, url }, text, jaegerTraceSchema);
    const spans = spansFromResourceSpans(body.result.resourceSpans ?? []);
    return spans.length > 0 ? spans : undefined;
  }

  /**
   * FindTraces of API v3; its 404 "No traces found" is an empty answer. With
   * filters applied here, a first ask of a few traces, and a deeper one only
   * when that found fewer than the limit while Jaeger had more to give.
   */
  async searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<TraceSearchResult> {
    checkTraceQuery(query);
    let result: TraceSearchResult | undefined;
    for (const depth of searchDepths(query)) {
      const url = jaegerSearchUrl(this.baseUrl, query, depth);
      result = jaegerSearchResult(await this.getJson(url, jaegerFoundTracesSchema, signal, true), query, url, depth);
      const exhausted = (result.filteredHere?.scanned ?? 0) < depth;
      if (result.traces.length >= query.limit || exhausted) break;
    }
    return result!;
  }

  async listServices(signal?: AbortSignal): Promise<string[]> {
    const body = await this.getJson(this.readinessUrl, jaegerServicesSchema, signal);
    return [...(body?.services ?? [])].sort();
  }

  async listOperations(service: string, signal?: AbortSignal): Promise<string[]> {
    const url = `${this.baseUrl}/api/v3/operations?${new URLSearchParams({ service }).toString()}`;
    const body = await this.getJson(url, jaegerOperationsSchema, signal);
    return [...new Set((body?.operations ?? []).map((operation) => operation.name))].sort();
  }
}

class TempoTraceStore extends HttpTraceStore {
  readonly kind = 'tempo' as const;
  readonly displayName = 'Tempo';

  get readinessUrl(): string {
    return `${this.baseUrl}/ready`;
  }

  traceApiUrl(traceId: string): string {
    return `${this.baseUrl}/api/v2/traces/${traceId.toLowerCase()}`;
  }

  /** "ready" (Jaeger's UI placeholder answers HTML with 200 on every path, /ready included). */
  protected readyAnswer(text: string): boolean {
    return /^ready\b/i.test(text.trim());
  }

  protected spansFromBody(url: string, text: string): TraceSpan[] | undefined {
    const body = parseJsonBody({ backend: this.displayName, url }, text, tempoTraceSchema);
    const spans = spansFromResourceSpans(body.trace?.resourceSpans ?? []);
    return spans.length > 0 ? spans : undefined;
  }

  /** One TraceQL span selector on /api/search. */
  async searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<TraceSearchResult> {
    checkTraceQuery(query);
    const url = tempoSearchUrl(this.baseUrl, query);
    const body = await this.getJson(url, tempoSearchSchema, signal);
    return tempoSearchResult(body ?? {}, query, new URL(url).searchParams.get('q') ?? '');
  }

  /** Tag values over the longest window a search may cover. */
  private tagWindow(): { startUnixMs: number; endUnixMs: number } {
    const endUnixMs = Date.now();
    return { startUnixMs: endUnixMs - TRACE_SEARCH_BOUNDS.maxLookbackMs, endUnixMs };
  }

  async listServices(signal?: AbortSignal): Promise<string[]> {
    const body = await this.getJson(tempoTagValuesUrl(this.baseUrl, 'resource.service.name', this.tagWindow()), tempoTagValuesSchema, signal);
    return tagValues(body ?? {});
  }

  async listOperations(service: string, signal?: AbortSignal): Promise<string[]> {
    const body = await this.getJson(tempoTagValuesUrl(this.baseUrl, 'name', this.tagWindow(), service), tempoTagValuesSchema, signal);
    return tagValues(body ?? {});
  }
}

export const DEFAULT_TRACE_STORE_URLS: Readonly<Record<TraceStoreKind, string>> = {
  jaeger: httpUrl(PORTS.jaegerQuery, LOOPBACK),
  tempo: httpUrl(PORTS.tempo, LOOPBACK),
};

export function createTraceStore(kind: TraceStoreKind, baseUrl: string = DEFAULT_TRACE_STORE_URLS[kind], options?: StoreOptions): TraceStore {
  switch (kind) {
    case 'jaeger':
      return new JaegerTraceStore(baseUrl, options);
    case 'tempo':
      return new TempoTraceStore(baseUrl, options);
    default:
      throw new Error(`unknown trace store "${String(kind)}" (expected one of: ${TRACE_STORE_KINDS.join(', ')})`);
  }
}
