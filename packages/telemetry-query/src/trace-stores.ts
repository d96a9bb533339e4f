import { z } from 'zod';
import { backendRequest, expectOk, parseJsonBody, type Readiness } from './http';
import { HttpStore, type StoreOptions } from './http-store';
import { resourceSpansSchema, spansFromResourceSpans, type TraceSpan } from './otlp-json';
import { requireTraceId } from './trace-id';

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

  async getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpan[] | undefined> {
    const url = this.traceApiUrl(requireTraceId(traceId));
    const request = { backend: this.displayName, url, signal, timeoutMs: this.timeoutMs, headers: { Accept: 'application/json' } };
    const response = await backendRequest(request);
    if (response.status === 404) return undefined;
    expectOk(request, response);
    return this.spansFromBody(url, response.text);
  }
}

export class JaegerTraceStore extends HttpTraceStore {
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
}

export class TempoTraceStore extends HttpTraceStore {
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
}

export const DEFAULT_TRACE_STORE_URLS: Readonly<Record<TraceStoreKind, string>> = {
  jaeger: 'http://127.0.0.1:16686',
  tempo: 'http://127.0.0.1:3200',
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
