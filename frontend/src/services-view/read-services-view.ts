import 'server-only';
import {
  SPAN_METRICS,
  WEB_VITAL_METRIC,
  literalRegex,
  servicesViewQueries,
  type ExemplarSeries,
  type MetricStore,
  type PromSample,
  type PromSeries,
} from '@o11y-demo/telemetry-query';
import { findBackends } from '../backends/find-backends';
import { readBackendEnv } from '../backends/backend-env';
import { prometheusServesUi } from '../backends/prometheus-ui';
import { untraced } from '../backends/untraced';
import { prometheusQueryLink } from '../links/prometheus-links';
import type { Exemplar, OperationFigures, Points, ServiceSection, ServicesViewData, WebVitalSection } from './services-view-data';
import { WINDOWS, type ServicesViewParams } from './view-params';

/** The whole read answers within this, whatever Prometheus does (each query is also bounded by the store's 2.5 s). */
const READ_TIMEOUT_MS = 3_000;
/** Drawn on the latency chart; the list shows the first few. */
const EXEMPLARS_PER_SERVICE = 100;
/** Grafana's $__rate_interval with a 15 s scrape interval: at least four samples, at least one step plus one sample. */
const MIN_RATE_INTERVAL_S = 60;
const SAMPLE_INTERVAL_S = 15;

function toNumber(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** One series' values on the shared time axis. */
function toPoints(series: PromSeries | undefined, startS: number, stepS: number, count: number): Points {
  const points: Points = new Array<number | null>(count).fill(null);
  for (const [time, text] of series?.values ?? []) {
    const index = Math.round((time - startS) / stepS);
    if (index >= 0 && index < count) points[index] = toNumber(text);
  }
  return points;
}

function byLabel<T extends PromSeries | PromSample>(results: readonly T[], label: string): Map<string, T> {
  return new Map(results.map((result) => [result.metric[label] ?? '', result]));
}

function operationKey(metric: Record<string, string>): string {
  return JSON.stringify([metric[SPAN_METRICS.serviceLabel], metric[SPAN_METRICS.kindLabel], metric[SPAN_METRICS.operationLabel]]);
}

const KIND_ORDER = ['SPAN_KIND_SERVER', 'SPAN_KIND_CONSUMER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_INTERNAL'];

/** The operations table: one row per (service, kind, span name) that has calls in the window; server spans first, then the busiest. */
function operations(rate: PromSample[], errorRatio: PromSample[], p50: PromSample[], p95: PromSample[]): Map<string, OperationFigures[]> {
  const valueOf = (samples: PromSample[]) => new Map(samples.map((sample) => [operationKey(sample.metric), toNumber(sample.value[1])]));
  const [errors, p50s, p95s] = [valueOf(errorRatio), valueOf(p50), valueOf(p95)];
  const byService = new Map<string, OperationFigures[]>();
  for (const sample of rate) {
    const service = sample.metric[SPAN_METRICS.serviceLabel] ?? '';
    const key = operationKey(sample.metric);
    const row: OperationFigures = {
      kind: sample.metric[SPAN_METRICS.kindLabel] ?? '',
      name: sample.metric[SPAN_METRICS.operationLabel] ?? '',
      rate: toNumber(sample.value[1]),
      errorRatio: errors.get(key) ?? null,
      p50S: p50s.get(key) ?? null,
      p95S: p95s.get(key) ?? null,
    };
    byService.set(service, [...(byService.get(service) ?? []), row]);
  }
  for (const rows of byService.values()) {
    rows.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (b.rate ?? 0) - (a.rate ?? 0) || a.name.localeCompare(b.name));
  }
  return byService;
}

/** The exemplars of each service's p95 histogram, slowest first, one per trace. */
function exemplarsByService(series: ExemplarSeries[]): Map<string, Exemplar[]> {
  const byService = new Map<string, Map<string, Exemplar>>();
  for (const entry of series) {
    const service = entry.seriesLabels[SPAN_METRICS.serviceLabel] ?? '';
    const traces = byService.get(service) ?? new Map<string, Exemplar>();
    byService.set(service, traces);
    for (const exemplar of entry.exemplars) {
      const traceId = exemplar.labels[SPAN_METRICS.traceIdLabel] ?? '';
      const durationS = Number(exemplar.value);
      if (!/^[0-9a-f]{32}$/.test(traceId) || !Number.isFinite(durationS)) continue;
      const seen = traces.get(traceId);
      if (seen && seen.durationS >= durationS) continue;
      traces.set(traceId, { traceId, service, operation: entry.seriesLabels[SPAN_METRICS.operationLabel] ?? '', durationS, timestampS: exemplar.timestamp });
    }
  }
  return new Map(
    [...byService].map(([service, traces]) => [
      service,
      [...traces.values()].sort((a, b) => b.durationS - a.durationS || b.timestampS - a.timestampS).slice(0, EXEMPLARS_PER_SERVICE),
    ]),
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Everything the services view shows, read from Prometheus with the queries
 * of `servicesViewQueries` (the Grafana dashboards' own): each service's
 * RED charts and exemplars, every operation's figures over the window, and
 * the web vitals' p75. What cannot be read is named in `problems`; the rest
 * is shown all the same.
 */
export async function readServicesView(params: ServicesViewParams, signal?: AbortSignal): Promise<ServicesViewData> {
  const started = performance.now();
  const { seconds, stepS } = WINDOWS[params.window];
  // Up to now, not to the last whole step: an exemplar of the last seconds stays on the chart.
  const endS = Math.floor(Date.now() / 1000);
  const startS = endS - seconds;
  const count = seconds / stepS + 1;
  const chartRateInterval = `${Math.max(MIN_RATE_INTERVAL_S, stepS + SAMPLE_INTERVAL_S)}s`;
  const services = params.service === undefined ? '.*' : literalRegex(params.service);
  const chart = servicesViewQueries({ services, rateInterval: chartRateInterval }, { services, rateInterval: params.window });
  // The table runs over every service: its answer is also the list the service selector offers.
  const table = servicesViewQueries({ services: '.*', rateInterval: chartRateInterval }, { services: '.*', rateInterval: params.window });

  const empty: ServicesViewData = {
    window: params.window,
    service: params.service,
    allServices: [],
    startS,
    endS,
    stepS,
    chartRateInterval,
    services: [],
    webVitals: [],
    problems: [],
    readMs: 0,
  };
  const env = readBackendEnv();
  const found = await findBackends(env);
  if (!found.ok) return { ...empty, problems: [found.error], readMs: performance.now() - started };
  const { metricStore } = found.backends;
  const deadline = AbortSignal.timeout(READ_TIMEOUT_MS);
  const bounded = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const problems: string[] = [];
  const attempt = async <T,>(read: (store: MetricStore) => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await untraced(() => read(metricStore));
    } catch (error) {
      problems.push(describe(bounded.aborted && !signal?.aborted ? new Error(`Prometheus did not answer within ${READ_TIMEOUT_MS} ms`) : error));
      return fallback;
    }
  };
  const range = (promql: string) => attempt((store) => store.queryRange(promql, startS, endS, stepS, bounded), [] as PromSeries[]);
  const instant = (promql: string) => attempt((store) => store.query(promql, bounded), [] as PromSample[]);

  const [rate, errorRatio, p50, p95, opRate, opErrors, opP50, opP95, exemplarSeries, vitals, servesUi] = await Promise.all([
    range(chart.services.rate),
    range(chart.services.errorRatio),
    range(chart.services.p50),
    range(chart.services.p95),
    instant(table.operations.rate),
    instant(table.operations.errorRatio),
    instant(table.operations.p50),
    instant(table.operations.p95),
    attempt((store) => store.queryExemplars(chart.services.p95, startS, endS, bounded), [] as ExemplarSeries[]),
    Promise.all(chart.webVitals.map(async (query) => ({ query, series: await range(query.chart), pages: await instant(query.window) }))),
    prometheusServesUi(metricStore),
  ]);
  const link = (promql: string) => prometheusQueryLink(metricStore, promql, servesUi, env.publicUrls.prometheus).href;

  const operationsByService = operations(opRate, opErrors, opP50, opP95);
  const exemplars = exemplarsByService(exemplarSeries);
  const [rates, errors, p50s, p95s] = [rate, errorRatio, p50, p95].map((results) => byLabel(results, SPAN_METRICS.serviceLabel));
  const allServices = [...operationsByService.keys()].sort();
  const shown = allServices.filter((service) => params.service === undefined || service === params.service);
  const points = (results: Map<string, PromSeries> | undefined, service: string) => toPoints(results?.get(service), startS, stepS, count);
  const sections: ServiceSection[] = shown.map((service) => ({
    service,
    rate: points(rates, service),
    errorRatio: points(errors, service),
    p50S: points(p50s, service),
    p95S: points(p95s, service),
    exemplars: exemplars.get(service) ?? [],
    operations: operationsByService.get(service) ?? [],
    links: { rate: link(chart.services.rate), errorRatio: link(chart.services.errorRatio), latency: link(chart.services.p95) },
  }));

  const webVitals: WebVitalSection[] = vitals.map(({ query, series, pages }) => ({
    vital: query.vital,
    pages: pages
      .map((sample) => ({ path: sample.metric[WEB_VITAL_METRIC.pageLabel] ?? '', p75: toNumber(sample.value[1]) }))
      .filter((page): page is { path: string; p75: number } => page.p75 !== null)
      .sort((a, b) => a.path.localeCompare(b.path)),
    series: series
      .map((entry) => ({ path: entry.metric[WEB_VITAL_METRIC.pageLabel] ?? '', points: toPoints(entry, startS, stepS, count) }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    link: link(query.window),
  }));

  return { ...empty, allServices, services: sections, webVitals, problems: [...new Set(problems)], readMs: performance.now() - started };
}
