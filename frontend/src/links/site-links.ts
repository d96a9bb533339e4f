import { QuickwitLogStore, REQUESTS_PER_ROUTE_PROMQL, type Backends } from '@o11y-demo/telemetry-query';
import type { BackendEnv } from '../backends/backend-env';
import { toPublicUrl } from '../backends/public-url';
import type { StoreReadiness } from '../backends/store-readiness';
import { prometheusQueryLink } from './prometheus-links';
import {
  grafanaBrowserLogsUrl,
  grafanaRecentBrowserTracesUrl,
  grafanaServicesDashboardUrl,
} from './grafana-links';

export interface SiteLink {
  label: string;
  href: string;
}

/** Page-wide links (header, "Where to look"); each present only when what it opens runs now. */
export interface SiteLinks {
  grafana?: SiteLink;
  grafanaServices?: SiteLink;
  grafanaBrowserTraces?: SiteLink;
  grafanaBrowserLogs?: SiteLink;
  traceStore?: SiteLink;
  logStore?: SiteLink;
  prometheus?: SiteLink;
}

/**
 * A page of each store worth opening without a trace id. Neither Jaeger's
 * module nor Tempo has a UI here, so the trace store's link is its JSON API;
 * VictoriaLogs embeds its UI, Quickwit serves one when built with it, and
 * Prometheus serves its own (see prometheus-ui.ts).
 */
function storeLinks(
  env: BackendEnv,
  backends: Backends,
  ready: StoreReadiness,
  prometheusServesUi: boolean,
): Pick<SiteLinks, 'traceStore' | 'logStore' | 'prometheus'> {
  const { traceStore, logStore, metricStore } = backends;
  const links: Pick<SiteLinks, 'traceStore' | 'logStore' | 'prometheus'> = {};
  if (ready.traces) {
    const path = traceStore.kind === 'jaeger' ? '/api/v3/services' : '/api/search?limit=20';
    links.traceStore = {
      label: `${traceStore.displayName} API`,
      href: toPublicUrl(`${traceStore.baseUrl}${path}`, traceStore.baseUrl, env.publicUrls.traceStore),
    };
  }
  if (ready.logs) {
    const uiPath =
      logStore.kind === 'victorialogs' ? '/select/vmui/' : logStore instanceof QuickwitLogStore && logStore.hasUi ? '/ui/search' : undefined;
    if (uiPath) {
      links.logStore = {
        label: `${logStore.displayName} UI`,
        href: toPublicUrl(`${logStore.baseUrl}${uiPath}`, logStore.baseUrl, env.publicUrls.logStore),
      };
    }
  }
  if (ready.metrics) {
    const link = prometheusQueryLink(metricStore, REQUESTS_PER_ROUTE_PROMQL, prometheusServesUi, env.publicUrls.prometheus);
    links.prometheus = { label: link.kind === 'api' ? `${metricStore.displayName} API` : metricStore.displayName, href: link.href };
  }
  return links;
}

export function siteLinks(
  env: BackendEnv,
  backends: Backends | undefined,
  ready: StoreReadiness | undefined,
  prometheusServesUi: boolean,
  grafanaPublicUrl: string | undefined,
): SiteLinks {
  const links: SiteLinks = backends && ready ? storeLinks(env, backends, ready, prometheusServesUi) : {};
  if (grafanaPublicUrl !== undefined) {
    links.grafana = { label: 'Grafana', href: grafanaPublicUrl };
    links.grafanaServices = { label: 'Services dashboard in Grafana', href: grafanaServicesDashboardUrl(grafanaPublicUrl) };
    if (backends?.traceStore.kind === 'tempo') {
      links.grafanaBrowserTraces = { label: 'Recent browser traces in Grafana', href: grafanaRecentBrowserTracesUrl(grafanaPublicUrl) };
    }
    if (backends?.logStore.kind === 'quickwit') {
      links.grafanaBrowserLogs = { label: 'Browser logs in Grafana', href: grafanaBrowserLogsUrl(grafanaPublicUrl) };
    }
  }
  return links;
}
