import type { WindowName } from './view-params';

/** One point per step from `startS` on, up to `endS`; null where Prometheus had no value (or NaN). */
export type Points = (number | null)[];

export interface Exemplar {
  traceId: string;
  service: string;
  /** The span the exemplar was recorded for. */
  operation: string;
  durationS: number;
  timestampS: number;
}

export interface OperationFigures {
  kind: string;
  name: string;
  /** Calls per second over the window. */
  rate: number | null;
  /** Share of calls in ERROR, 0..1. */
  errorRatio: number | null;
  p50S: number | null;
  p95S: number | null;
}

export interface ServiceSection {
  service: string;
  /** Charts of the service's server spans; all null for a service that answers no requests (the browser). */
  rate: Points;
  errorRatio: Points;
  p50S: Points;
  p95S: Points;
  /** The p95 histogram's exemplars in the window, slowest first (at most EXEMPLARS_PER_SERVICE). */
  exemplars: Exemplar[];
  operations: OperationFigures[];
  /** Prometheus's page for each chart's query (its graph, or its query API where it serves no UI). */
  links: { rate: string; errorRatio: string; latency: string };
}

export interface WebVitalSection {
  vital: string;
  /** p75 per page over the whole window. */
  pages: { path: string; p75: number }[];
  /** p75 per page over time. */
  series: { path: string; points: Points }[];
  link: string;
}

export interface ServicesViewData {
  window: WindowName;
  service: string | undefined;
  /** Every service with spans in the window, for the service selector. */
  allServices: string[];
  startS: number;
  endS: number;
  stepS: number;
  /** The rate interval of the charts (the window's figures take the whole window). */
  chartRateInterval: string;
  services: ServiceSection[];
  webVitals: WebVitalSection[];
  /** What could not be read, e.g. "Prometheus: POST ... did not answer within 2500 ms". */
  problems: string[];
  /** How long reading Prometheus took, for the page's footer and the benchmark. */
  readMs: number;
}
