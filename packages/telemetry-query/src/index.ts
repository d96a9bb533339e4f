/**
 * Reads one trace, its logs and its metrics back from whichever backends run:
 * Jaeger v2 or Tempo for traces, VictoriaLogs or Quickwit for logs, Prometheus
 * for metrics. Plain fetch, no framework: used by the e2e suite, the benchmarks
 * and the frontend's server-side route.
 */
export { BackendError, DEFAULT_PROBE_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, type Readiness } from './http';
export {
  SPAN_KINDS,
  STATUS_CODES,
  anyValueSchema,
  keyValueSchema,
  nanosToMs,
  numericAttribute,
  readAttributes,
  readValue,
  resourceSpansSchema,
  spansFromResourceSpans,
  toHexId,
  type AnyValue,
  type AttributeValue,
  type Attributes,
  type KeyValue,
  type ResourceSpans,
  type TraceSpan,
} from './otlp-json';
export { isTraceId, requireTraceId } from './trace-id';
export { findSpan, isAncestor, spanTree, type SpanInTree } from './trace-tree';
export {
  DEFAULT_TRACE_STORE_URLS,
  JaegerTraceStore,
  TRACE_STORE_KINDS,
  TempoTraceStore,
  createTraceStore,
  type StoreOptions,
  type TraceStore,
  type TraceStoreKind,
} from './trace-stores';
export {
  DEFAULT_LOG_STORE_URLS,
  LOG_STORE_KINDS,
  QUICKWIT_LOGS_INDEX,
  QuickwitLogStore,
  VictoriaLogsStore,
  createLogStore,
  rfc3339ToUnixMs,
  type LogRecord,
  type LogStore,
  type LogStoreKind,
  type LogStoreOptions,
  type ServiceLogsOptions,
} from './log-stores';
export {
  DEFAULT_PROMETHEUS_URL,
  PrometheusMetricStore,
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
  type RedScope,
  type ServicesViewQueries,
  type WebVitalMetricName,
} from './red-queries';
export { REQUESTS_PER_ROUTE_PROMQL, prometheusQueryPageUrl } from './prometheus-query-page';
export { detectBackends, readBackendConfig, type BackendConfig, type Backends, type DetectOptions, type StoreChoice } from './backends';
export {
  MAX_MATCHED_SPANS,
  TAG_KEY_PATTERN,
  TRACE_SEARCH_BOUNDS,
  checkTraceQuery,
  type MatchedSpan,
  type TraceQuery,
  type TraceSearchResult,
  type TraceSummary,
} from './trace-search';
export { FILTERED_SEARCH_DEPTH } from './trace-search-jaeger';
export { traceqlFor } from './trace-search-tempo';
export { newTraceparent, sendTracedRequest, type SentTrace } from './traced-request';
