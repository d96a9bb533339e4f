import 'server-only';
import type { Backends } from '@o11y-demo/telemetry-query';
import type { BackendEnv } from '../backends/backend-env';
import type { GrafanaStatus } from '../backends/grafana';
import { toPublicUrl } from '../backends/public-url';
import { grafanaTraceDashboardUrl, grafanaTraceLogsUrl, grafanaTraceUrl } from '../links/grafana-links';
import { prometheusQueryLink } from '../links/prometheus-links';
import type { ReportLink, TelemetryReport } from './telemetry-report';

export interface LinkInputs {
  traceId: string;
  env: BackendEnv;
  backends: Backends | undefined;
  grafana: GrafanaStatus;
  prometheusServesUi: boolean;
  trace: TelemetryReport['trace'];
  logs: TelemetryReport['logs'];
  metrics: TelemetryReport['metrics'];
}

/**
 * Links for one trace, each only when what it opens answers now: the trace
 * store's API once it holds the trace (before, it answers 404), the log
 * store's UI when it answered and serves one, the counter's query in
 * Prometheus (its graph page, or its API where it serves no UI), and Grafana only when Grafana is up and has a
 * datasource for the store that runs.
 */
export function reportLinks(inputs: LinkInputs): ReportLink[] {
  const { traceId, env, backends, grafana, prometheusServesUi, trace, logs, metrics } = inputs;
  const links: ReportLink[] = [];
  if (backends) {
    const { traceStore, logStore, metricStore } = backends;
    if (trace.state === 'answered' && trace.spans.length > 0) {
      links.push({
        label: `${traceStore.displayName} API: this trace`,
        href: toPublicUrl(traceStore.traceApiUrl(traceId), traceStore.baseUrl, env.publicUrls.traceStore),
        tool: 'trace-store',
      });
    }
    const logSearch = logs.state === 'answered' ? logStore.searchUiUrl(traceId) : undefined;
    if (logSearch) {
      links.push({
        label: `${logStore.displayName}: logs of this trace`,
        href: toPublicUrl(logSearch, logStore.baseUrl, env.publicUrls.logStore),
        tool: 'log-store',
      });
    }
    if (metrics.state === 'answered' && metrics.counter) {
      const link = prometheusQueryLink(metricStore, metrics.counter.promql, prometheusServesUi, env.publicUrls.prometheus);
      links.push({
        label: `${metricStore.displayName}${link.kind === 'api' ? ' API' : ''}: ${metrics.counter.subject}`,
        href: link.href,
        tool: 'prometheus',
      });
    }
  }
  if (grafana.state === 'up') {
    const tempo = backends?.traceStore.kind === 'tempo';
    const quickwit = backends?.logStore.kind === 'quickwit';
    if (tempo) links.push({ label: 'Trace in Grafana', href: grafanaTraceUrl(grafana.publicUrl, traceId), tool: 'grafana' });
    if (quickwit) links.push({ label: 'Logs in Grafana', href: grafanaTraceLogsUrl(grafana.publicUrl, traceId), tool: 'grafana' });
    if (tempo && quickwit) {
      links.push({ label: 'Trace + logs in Grafana', href: grafanaTraceDashboardUrl(grafana.publicUrl, traceId), tool: 'grafana' });
    }
  }
  return links;
}
