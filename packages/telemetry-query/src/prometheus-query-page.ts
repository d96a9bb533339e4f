/**
 * Links into Prometheus's own web UI. Every Prometheus link the demo shows (the
 * page, the stack's start table, the docs) is built here, so they all open the
 * same view; the docs' links are held to it by e2e/tests/10-doc-links.spec.ts.
 */

/** Requests per service and route, from the collector's span metrics: what every click adds to. */
export const REQUESTS_PER_ROUTE_PROMQL =
  'sum by (service_name, http_route) (rate(traces_span_metrics_calls_total{span_kind="SPAN_KIND_SERVER"}[5m]))';

/**
 * Prometheus's query page with `promql` filled in: graph tab, the last
 * `range` (a Prometheus duration), exemplars shown. The parameter names are
 * those the UI decodes (web/ui/mantine-ui/src/pages/query/urlStateEncoding.ts).
 */
export function prometheusQueryPageUrl(baseUrl: string, promql: string, range = '15m'): string {
  const params = new URLSearchParams({ 'g0.expr': promql, 'g0.tab': 'graph', 'g0.range_input': range, 'g0.show_exemplars': '1' });
  return `${baseUrl.replace(/\/+$/, '')}/query?${params}`;
}
