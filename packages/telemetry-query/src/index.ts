/**
 * Reads one trace, its logs and its metrics back from whichever backends run:
 * Jaeger v2 or Tempo for traces, VictoriaLogs or Quickwit for logs, Prometheus
 * for metrics. Plain fetch, no framework: used by the e2e suite, the benchmarks
 * and the frontend's server-side route.
 */
export { BackendError } from './http';
export {
  decodeLogsRequest,
  decodeMetricsRequest,
  decodeTracesRequest,
  nanosToMs,
  numericAttribute,
  readAttributes,
  spansFromResourceSpans,
  toHexId,
  type AttributeValue,
  type ExportedLogRecord,
  type ExportedMetricPoint,
  type ExportedSpan,
  type TraceSpan,
} from './otlp-json';
export { isTraceId } from './trace-id';
export { findSpan, isAncestor, spanTree } from './trace-tree';
export {
  createTraceStore,
  type TraceStore,
} from './trace-stores';
export {
  QuickwitLogStore,
  VictoriaLogsStore,
  createLogStore,
  rfc3339ToUnixMs,
  type LogRecord,
  type LogStore,
} from './log-stores';
export {
  createMetricStore,
  type ExemplarSeries,
  type MetricStore,
  type PromSample,
  type PromSeries,
} from './metric-store';
export {
  GRAFANA_SCOPE,
  GRAFANA_TABLE_SCOPE,
  SPAN_METRICS,
  WEB_VITAL_METRIC,
  literalRegex,
  promqlString,
  servicesViewQueries,
} from './red-queries';
export { REQUESTS_PER_ROUTE_PROMQL, prometheusQueryPageUrl } from './prometheus-query-page';
export { detectBackends, readBackendConfig, type BackendConfig, type Backends } from './backends';
export {
  TAG_KEY_PATTERN,
  TRACE_SEARCH_BOUNDS,
  checkTraceQuery,
  type TraceQuery,
  type TraceSummary,
} from './trace-search';
export { FILTERED_SEARCH_DEPTH } from './trace-search-jaeger';
export { traceqlFor } from './trace-search-tempo';
export { newTraceparent, sendTracedRequest, type SentTrace } from './traced-request';
