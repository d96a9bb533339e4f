/**
 * The PromQL of the services view (the page's `/services`) and of the Grafana
 * "Services" and "Frontend RUM" dashboards: one builder for both, so a chart
 * on the page and a panel in Grafana cannot disagree. Fed with Grafana's own
 * variables (`GRAFANA_SCOPE`) the builders write the dashboards' expressions
 * character for character; a test holds them to that.
 */

/**
 * What the collector's span_metrics connector writes (collector/config.yaml,
 * namespace `traces.span.metrics`), as Prometheus names it.
 */
export const SPAN_METRICS = {
  calls: 'traces_span_metrics_calls_total',
  durationBucket: 'traces_span_metrics_duration_seconds_bucket',
  serviceLabel: 'service_name',
  operationLabel: 'span_name',
  kindLabel: 'span_kind',
  statusLabel: 'status_code',
  serverKind: 'SPAN_KIND_SERVER',
  errorStatus: 'STATUS_CODE_ERROR',
  /** The exemplar label that names the trace. */
  traceIdLabel: 'trace_id',
} as const;

/**
 * The browser's web-vital histogram, made by the collector's
 * signal_to_metrics connector from the browser's `browser.web_vital` events
 * (log records). Every name the view and the dashboards use for it is here.
 */
export const WEB_VITAL_METRIC = {
  bucket: 'rum_web_vital_bucket',
  /** From the semantic conventions' `browser.web_vital.name` attribute. */
  nameLabel: 'browser_web_vital_name',
  pageLabel: 'url_path',
  /** The values of `nameLabel` (the conventions' lower-case names), in the order the view shows them. */
  names: ['lcp', 'inp', 'cls', 'fcp', 'ttfb'],
} as const;

type WebVitalMetricName = (typeof WEB_VITAL_METRIC.names)[number];

/** The quantiles the view and the dashboards draw, written as the dashboards write them. */
const LATENCY_QUANTILES = { p50: '0.50', p95: '0.95' } as const;
type LatencyQuantile = keyof typeof LATENCY_QUANTILES;
const WEB_VITAL_QUANTILE = '0.75';

/** A PromQL string literal (its escapes are Go's, which JSON's satisfy). */
export function promqlString(value: string): string {
  return JSON.stringify(value);
}

/** A regular expression that matches `text` and nothing else (Prometheus anchors label regexes). */
export function literalRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * Where an expression looks: which services (a regular expression on
 * service_name: Grafana's `$service`, or one service's literalRegex, or `.*`)
 * and over what range each rate is taken (`$__rate_interval`, `$__range`, or
 * a duration such as `1m`).
 */
export interface RedScope {
  services: string;
  rateInterval: string;
}

/** The scope the dashboards are written in: their `$service` variable and Grafana's rate interval. */
export const GRAFANA_SCOPE: RedScope = { services: '$service', rateInterval: '$__rate_interval' };
/** The dashboards' per-operation table takes its rates over the dashboard's whole time range. */
export const GRAFANA_TABLE_SCOPE: RedScope = { services: '$service', rateInterval: '$__range' };

/** Per service (its server spans: the requests it answers), or per operation (every span name of every kind). */
type RedLevel = 'service' | 'operation';

const GROUP_BY: Record<RedLevel, string> = {
  service: SPAN_METRICS.serviceLabel,
  operation: `${SPAN_METRICS.serviceLabel}, ${SPAN_METRICS.kindLabel}, ${SPAN_METRICS.operationLabel}`,
};

function selector(level: RedLevel, scope: RedScope, extra = ''): string {
  const matchers = [`${SPAN_METRICS.serviceLabel}=~${promqlString(scope.services)}`];
  if (level === 'service') matchers.push(`${SPAN_METRICS.kindLabel}=${promqlString(SPAN_METRICS.serverKind)}`);
  if (extra) matchers.push(extra);
  return `{${matchers.join(', ')}}`;
}

function callRate(level: RedLevel, scope: RedScope, extra?: string): string {
  return `sum by (${GROUP_BY[level]}) (rate(${SPAN_METRICS.calls}${selector(level, scope, extra)}[${scope.rateInterval}]))`;
}

/** Calls per second. */
function requestRateQuery(level: RedLevel, scope: RedScope): string {
  return callRate(level, scope);
}

/**
 * The share of calls whose span ended in ERROR, 0 (not absent) where nothing
 * failed: the `or 0 * ...` fills the series that have calls but no errors.
 */
function errorRatioQuery(level: RedLevel, scope: RedScope): string {
  const errors = callRate(level, scope, `${SPAN_METRICS.statusLabel}=${promqlString(SPAN_METRICS.errorStatus)}`);
  const all = callRate(level, scope);
  return `(${errors} or 0 * ${all}) / ${all}`;
}

/** A latency percentile in seconds, from the span-duration histogram. */
function latencyQuery(level: RedLevel, quantile: LatencyQuantile, scope: RedScope): string {
  const buckets = `rate(${SPAN_METRICS.durationBucket}${selector(level, scope)}[${scope.rateInterval}])`;
  return `histogram_quantile(${LATENCY_QUANTILES[quantile]}, sum by (le, ${GROUP_BY[level]}) (${buckets}))`;
}

/** The four RED expressions of one level, by the name the view gives them. */
function redQueries(level: RedLevel, scope: RedScope): { rate: string; errorRatio: string; p50: string; p95: string } {
  return {
    rate: requestRateQuery(level, scope),
    errorRatio: errorRatioQuery(level, scope),
    p50: latencyQuery(level, 'p50', scope),
    p95: latencyQuery(level, 'p95', scope),
  };
}

/** One web vital's p75 per page (LCP, INP, FCP, TTFB in milliseconds; CLS unitless). */
function webVitalP75Query(vital: WebVitalMetricName, rateInterval: string): string {
  const { bucket, nameLabel, pageLabel } = WEB_VITAL_METRIC;
  return `histogram_quantile(${WEB_VITAL_QUANTILE}, sum by (le, ${pageLabel}) (rate(${bucket}{${nameLabel}=${promqlString(vital)}}[${rateInterval}])))`;
}

/** Every expression the services view runs, by what it draws. */
export interface ServicesViewQueries {
  /** Range queries: each service's charts. Their p95 also selects the exemplars drawn on the latency chart. */
  services: ReturnType<typeof redQueries>;
  /** Instant queries over the whole window: the table of operations. */
  operations: ReturnType<typeof redQueries>;
  /** Per vital: `chart` a range query (p75 over time per page), `window` an instant one (p75 over the window per page). */
  webVitals: { vital: WebVitalMetricName; chart: string; window: string }[];
}

/**
 * The view's queries: `chart` scopes the time series (a short rate interval),
 * `window` the figures over the whole chosen window. With GRAFANA_SCOPE and
 * GRAFANA_TABLE_SCOPE they are the dashboards' panels.
 */
export function servicesViewQueries(chart: RedScope, window: RedScope): ServicesViewQueries {
  return {
    services: redQueries('service', chart),
    operations: redQueries('operation', window),
    webVitals: WEB_VITAL_METRIC.names.map((vital) => ({
      vital,
      chart: webVitalP75Query(vital, chart.rateInterval),
      window: webVitalP75Query(vital, window.rateInterval),
    })),
  };
}
