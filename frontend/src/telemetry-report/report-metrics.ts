import 'server-only';
import { promqlString, type ExemplarSeries, type MetricStore } from '@o11y-demo/telemetry-query';
import type { ReportCounter, ReportExemplar, ReportSpan } from './telemetry-report';

/**
 * The collector's span_metrics connector turns every span into a histogram
 * observation and keeps some of them as exemplars labelled with their trace
 * id: the one place Prometheus holds this very click.
 */
const EXEMPLAR_SOURCE = 'traces_span_metrics_duration_seconds_bucket';
/** Far more than a click's telemetry takes to arrive; bounded so the query stays cheap. */
const EXEMPLAR_WINDOW_S = 10 * 60;

export interface CounterQuery {
  subject: string;
  promql: string;
}

/**
 * The request counter of what the trace hit, built from the stored trace (its
 * service, route or span name), never from the caller's input: the route
 * runs no query a visitor wrote.
 */
export function counterQuery(span: ReportSpan): CounterQuery {
  const service = `service_name=${promqlString(span.service)}`;
  if (span.kind === 'SPAN_KIND_SERVER' && span.http) {
    const [method, route] = span.http.split(' ');
    if (method && route) {
      return {
        subject: `${method} ${route} on ${span.service}`,
        promql: `sum(traces_span_metrics_calls_total{${service}, span_kind="SPAN_KIND_SERVER", http_route=${promqlString(route)}})`,
      };
    }
  }
  return {
    subject: `"${span.name}" spans of ${span.service}`,
    promql: `sum(traces_span_metrics_calls_total{${service}, span_name=${promqlString(span.name)}})`,
  };
}

export async function queryCounter(metricStore: MetricStore, query: CounterQuery, signal: AbortSignal): Promise<ReportCounter> {
  return { ...query, value: await metricStore.queryTotal(query.promql, signal) };
}

/**
 * This trace's exemplar, preferring the one of `preferredSpan` (the request
 * the counter counts), then any server span's, then any.
 */
export function pickExemplar(series: readonly ExemplarSeries[], traceId: string, preferredSpanId: string | undefined): ReportExemplar | null {
  const candidates = series.flatMap((entry) =>
    entry.exemplars
      .filter((exemplar) => exemplar.labels['trace_id'] === traceId)
      .map((exemplar) => ({ labels: entry.seriesLabels, exemplar })),
  );
  const best =
    candidates.find((candidate) => preferredSpanId !== undefined && candidate.exemplar.labels['span_id'] === preferredSpanId) ??
    candidates.find((candidate) => candidate.labels['span_kind'] === 'SPAN_KIND_SERVER') ??
    candidates[0];
  if (!best) return null;
  return {
    service: best.labels['service_name'] ?? '',
    spanName: best.labels['span_name'] ?? '',
    spanId: best.exemplar.labels['span_id'] ?? '',
    bucket: best.labels['le'] ?? '',
    valueSeconds: Number(best.exemplar.value),
    timestampUnixMs: best.exemplar.timestamp * 1000,
    promql: EXEMPLAR_SOURCE,
  };
}

/** The newest span-metrics sample: the collector flushes every series at once. */
const SPAN_METRICS_FLUSHED = 'max(timestamp(traces_span_metrics_calls_total))';

/** When the span metrics last reached Prometheus, in unix ms; null while there are none. */
export async function querySpanMetricsFlush(metricStore: MetricStore, signal: AbortSignal): Promise<number | null> {
  const [sample] = await metricStore.query(SPAN_METRICS_FLUSHED, signal);
  const seconds = Number(sample?.value[1]);
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

export function queryExemplars(metricStore: MetricStore, signal: AbortSignal): Promise<ExemplarSeries[]> {
  const nowS = Date.now() / 1000;
  return metricStore.queryExemplars(EXEMPLAR_SOURCE, nowS - EXEMPLAR_WINDOW_S, nowS, signal);
}
