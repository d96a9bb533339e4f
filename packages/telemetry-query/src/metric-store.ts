import { LOOPBACK, PORTS, httpUrl } from '@o11y-demo/topology';
import { z } from 'zod';
import { BackendError, backendRequest, parseJsonBody, type Readiness } from './http';
import { HttpStore, type StoreOptions } from './http-store';
import { prometheusQueryPageUrl } from './prometheus-query-page';

export interface PromSample {
  metric: Record<string, string>;
  /** [unix seconds, value as Prometheus writes it ("1", "0.25", "NaN")]. */
  value: [number, string];
}

/** One series of a range query: [unix seconds, value as Prometheus writes it] at each step. */
export interface PromSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

export interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  /** Exemplar labels carry trace_id / span_id when the exemplar came from a span. */
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

export interface MetricStore {
  readonly kind: 'prometheus';
  readonly displayName: string;
  readonly baseUrl: string;
  readonly readinessUrl: string;
  isReady(signal?: AbortSignal): Promise<boolean>;
  checkReady(signal?: AbortSignal): Promise<Readiness>;
  /** Instant query; a vector's samples (a scalar comes as one sample without labels). */
  query(promql: string, signal?: AbortSignal): Promise<PromSample[]>;
  /** Range query: each series' values from `startUnixS` to `endUnixS`, every `stepS` seconds. */
  queryRange(promql: string, startUnixS: number, endUnixS: number, stepS: number, signal?: AbortSignal): Promise<PromSeries[]>;
  /** Sum of an instant query's values, 0 when it is empty. */
  queryTotal(promql: string, signal?: AbortSignal): Promise<number>;
  queryExemplars(promql: string, startUnixS: number, endUnixS: number, signal?: AbortSignal): Promise<ExemplarSeries[]>;
  /** Prometheus's own query page with the expression filled in (graph tab, last 15 minutes, exemplars shown). */
  graphUrl(promql: string): string;
}

const labels = z.record(z.string(), z.string());
const sampleValue = z.tuple([z.number(), z.string()]);
const errorBody = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() });
const queryBody = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: sampleValue })) }),
      z.object({ resultType: z.literal('scalar'), result: sampleValue }),
      z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labels, values: z.array(sampleValue) })) }),
      z.object({ resultType: z.literal('string'), result: sampleValue }),
    ]),
  }),
  errorBody,
]);
const exemplarsBody = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.array(
      z.object({
        seriesLabels: labels,
        exemplars: z.array(z.object({ labels, value: z.string(), timestamp: z.number() })),
      }),
    ),
  }),
  errorBody,
]);

class PrometheusMetricStore extends HttpStore implements MetricStore {
  readonly kind = 'prometheus' as const;
  readonly displayName = 'Prometheus';

  get readinessUrl(): string {
    return `${this.baseUrl}/-/ready`;
  }

  /** "Prometheus Server is Ready." */
  protected readyAnswer(text: string): boolean {
    return /\bready\b/i.test(text);
  }

  async query(promql: string, signal?: AbortSignal): Promise<PromSample[]> {
    const data = await this.api('/api/v1/query', { query: promql }, queryBody, signal);
    switch (data.resultType) {
      case 'vector':
        return data.result;
      case 'scalar':
        return [{ metric: {}, value: data.result }];
      default:
        throw new Error(`Prometheus: "${promql}" is a ${data.resultType}, not an instant vector (query() reads vectors and scalars)`);
    }
  }

  async queryRange(promql: string, startUnixS: number, endUnixS: number, stepS: number, signal?: AbortSignal): Promise<PromSeries[]> {
    const params = { query: promql, start: String(startUnixS), end: String(endUnixS), step: String(stepS) };
    const data = await this.api('/api/v1/query_range', params, queryBody, signal);
    if (data.resultType !== 'matrix') throw new Error(`Prometheus: the range query "${promql}" answered a ${data.resultType}, not a matrix`);
    return data.result;
  }

  async queryTotal(promql: string, signal?: AbortSignal): Promise<number> {
    return (await this.query(promql, signal)).reduce((total, sample) => total + Number(sample.value[1]), 0);
  }

  queryExemplars(promql: string, startUnixS: number, endUnixS: number, signal?: AbortSignal): Promise<ExemplarSeries[]> {
    return this.api('/api/v1/query_exemplars', { query: promql, start: String(startUnixS), end: String(endUnixS) }, exemplarsBody, signal);
  }

  graphUrl(promql: string): string {
    return prometheusQueryPageUrl(this.baseUrl, promql);
  }

  /** POSTs the form (long PromQL stays out of the URL); Prometheus answers errors as JSON with a 4xx/5xx. */
  private async api<T extends { status: 'success'; data: unknown } | z.output<typeof errorBody>>(
    path: string,
    params: Record<string, string>,
    schema: z.ZodType<T>,
    signal: AbortSignal | undefined,
  ): Promise<Extract<T, { status: 'success' }>['data']> {
    const url = `${this.baseUrl}${path}`;
    const request = {
      backend: this.displayName,
      url,
      method: 'POST' as const,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
      signal,
      timeoutMs: this.timeoutMs,
    };
    const response = await backendRequest(request);
    const describe = `${this.displayName}: POST ${url} (${params['query']})`;
    let body: T;
    try {
      body = parseJsonBody(request, response.text, schema);
    } catch (error) {
      if (response.ok) throw error;
      throw new BackendError(this.displayName, url, response.status, `${describe} answered HTTP ${response.status}: ${response.text.slice(0, 300)}`);
    }
    if (body.status === 'error') {
      throw new BackendError(this.displayName, url, response.status, `${describe} answered HTTP ${response.status}: ${body.errorType ?? 'error'}: ${body.error ?? ''}`);
    }
    return (body as Extract<T, { status: 'success' }>).data;
  }
}

export const DEFAULT_PROMETHEUS_URL = httpUrl(PORTS.prometheus, LOOPBACK);

export function createMetricStore(baseUrl: string = DEFAULT_PROMETHEUS_URL, options?: StoreOptions): MetricStore {
  return new PrometheusMetricStore(baseUrl, options);
}
