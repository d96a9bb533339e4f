import type { PublicConfig } from '../config/public-config';

interface GrafanaDatasource {
  type: string;
  uid: string;
}

/** Datasources provisioned in grafana/ with these fixed uids. */
export const TEMPO_DATASOURCE: GrafanaDatasource = { type: 'tempo', uid: 'tempo' };
export const QUICKWIT_DATASOURCE: GrafanaDatasource = {
  type: 'quickwit-quickwit-datasource',
  uid: 'quickwit',
};
const QUICKWIT_LOGS_INDEX = 'otel-logs-v0_9';

/** A Grafana Explore URL with one pane running one query over the last hour. */
export function grafanaExploreUrl(
  grafanaUrl: string,
  datasource: GrafanaDatasource,
  query: Record<string, unknown>,
): string {
  const pane = {
    datasource: datasource.uid,
    queries: [{ refId: 'A', datasource, ...query }],
    range: { from: 'now-1h', to: 'now' },
  };
  const panes = encodeURIComponent(JSON.stringify({ demo: pane }));
  return `${grafanaUrl}/explore?schemaVersion=1&orgId=1&panes=${panes}`;
}

/** The Quickwit UI's search page over the OpenTelemetry logs index. */
export function quickwitLogSearchUrl(quickwitUrl: string, query: string): string {
  const params = new URLSearchParams({ query, index_id: QUICKWIT_LOGS_INDEX, max_hits: '20' });
  return `${quickwitUrl}/ui/search?${params}`;
}

/** A Quickwit query in the Grafana datasource's shape: raw log lines. */
function quickwitLogsQuery(query: string): Record<string, unknown> {
  return { query, metrics: [{ type: 'logs', id: '1' }], bucketAggs: [] };
}

export interface TraceLinks {
  grafanaTrace: string;
  /** The provisioned "Trace" dashboard: the trace and its logs on one page (Grafana's trace-to-logs cannot target Quickwit). */
  grafanaTraceWithLogs: string;
  grafanaLogs: string;
  tempoApi: string;
  quickwitSearch: string;
}

/** Where to look at one trace and its logs. */
export function traceLinks(config: PublicConfig, traceId: string): TraceLinks {
  const logsQuery = `trace_id:${traceId}`;
  return {
    grafanaTrace: grafanaExploreUrl(config.grafanaUrl, TEMPO_DATASOURCE, {
      queryType: 'traceql',
      query: traceId,
    }),
    grafanaTraceWithLogs: `${config.grafanaUrl}/d/o11y-trace/trace?orgId=1&var-trace_id=${traceId}`,
    grafanaLogs: grafanaExploreUrl(config.grafanaUrl, QUICKWIT_DATASOURCE, quickwitLogsQuery(logsQuery)),
    tempoApi: `${config.tempoUrl}/api/v2/traces/${traceId}`,
    quickwitSearch: quickwitLogSearchUrl(config.quickwitUrl, logsQuery),
  };
}
