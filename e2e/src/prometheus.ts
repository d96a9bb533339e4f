import { targets } from './targets';

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

interface PromResponse<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

async function prometheusApi<T>(path: string, params: Record<string, string>): Promise<T> {
  const response = await fetch(`${targets.prometheus}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  const body = (await response.json()) as PromResponse<T>;
  if (body.status !== 'success') throw new Error(`Prometheus ${path} failed for ${JSON.stringify(params)}: ${body.error ?? response.status}`);
  return body.data;
}

/** Instant PromQL query; returns the vector (scalars and strings are not used by the suite). */
export async function queryPrometheus(query: string): Promise<PromSample[]> {
  const data = await prometheusApi<{ resultType: string; result: PromSample[] }>('/api/v1/query', { query });
  return data.resultType === 'vector' ? data.result : [];
}

/** Sum of an instant vector's values, 0 when empty. */
export async function queryPrometheusTotal(query: string): Promise<number> {
  return (await queryPrometheus(query)).reduce((total, sample) => total + Number(sample.value[1]), 0);
}

export interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

export async function queryExemplars(query: string, sinceSeconds: number): Promise<ExemplarSeries[]> {
  const end = Date.now() / 1000;
  return prometheusApi<ExemplarSeries[]>('/api/v1/query_exemplars', { query, start: String(end - sinceSeconds), end: String(end) });
}
