import type { MetricStore } from '@o11y-demo/telemetry-query';
import { toPublicUrl } from '../backends/public-url';

/**
 * Where a person sees `promql` evaluated: Prometheus's query page (graph tab,
 * exemplars shown; prometheusQueryPageUrl in the query package) when it serves
 * its UI, else its query API (JSON). Never a page that answers 500.
 */
export function prometheusQueryLink(
  metricStore: MetricStore,
  promql: string,
  servesUi: boolean,
  publicBaseUrl: string | undefined,
): { href: string; kind: 'graph' | 'api' } {
  const url = servesUi
    ? metricStore.graphUrl(promql)
    : `${metricStore.baseUrl}/api/v1/query?${new URLSearchParams({ query: promql })}`;
  return { href: toPublicUrl(url, metricStore.baseUrl, publicBaseUrl), kind: servesUi ? 'graph' : 'api' };
}
