/**
 * URLs into the Grafana this repository provisions (grafana/): its datasource
 * uids and dashboard uids are fixed there. The Tempo and Quickwit datasources
 * are the only trace and log datasources it has, so links through them are
 * offered only when Tempo or Quickwit is the store that runs.
 */

interface GrafanaDatasource {
  type: string;
  uid: string;
}

const TEMPO_DATASOURCE: GrafanaDatasource = { type: 'tempo', uid: 'tempo' };
const QUICKWIT_DATASOURCE: GrafanaDatasource = { type: 'quickwit-quickwit-datasource', uid: 'quickwit' };

/** A Grafana Explore URL with one pane running one query over the last hour. */
function exploreUrl(grafanaUrl: string, datasource: GrafanaDatasource, query: Record<string, unknown>): string {
  const pane = {
    datasource: datasource.uid,
    queries: [{ refId: 'A', datasource, ...query }],
    range: { from: 'now-1h', to: 'now' },
  };
  const panes = encodeURIComponent(JSON.stringify({ demo: pane }));
  return `${grafanaUrl}/explore?schemaVersion=1&orgId=1&panes=${panes}`;
}

/** A Quickwit query in the Grafana datasource's shape: raw log lines. */
function quickwitLogsQuery(query: string): Record<string, unknown> {
  return { query, metrics: [{ type: 'logs', id: '1' }], bucketAggs: [] };
}

export function grafanaTraceUrl(grafanaUrl: string, traceId: string): string {
  return exploreUrl(grafanaUrl, TEMPO_DATASOURCE, { queryType: 'traceql', query: traceId });
}

export function grafanaTraceLogsUrl(grafanaUrl: string, traceId: string): string {
  return exploreUrl(grafanaUrl, QUICKWIT_DATASOURCE, quickwitLogsQuery(`trace_id:${traceId}`));
}

/** The provisioned "Trace" dashboard: the trace and its logs on one page (Grafana's trace-to-logs cannot target Quickwit). */
export function grafanaTraceDashboardUrl(grafanaUrl: string, traceId: string): string {
  return `${grafanaUrl}/d/o11y-trace/trace?orgId=1&var-trace_id=${traceId}`;
}

export function grafanaServicesDashboardUrl(grafanaUrl: string): string {
  return `${grafanaUrl}/d/o11y-services/services?orgId=1`;
}

export function grafanaRecentBrowserTracesUrl(grafanaUrl: string): string {
  return exploreUrl(grafanaUrl, TEMPO_DATASOURCE, {
    queryType: 'traceql',
    query: '{ resource.service.name = "frontend-web" }',
  });
}

export function grafanaBrowserLogsUrl(grafanaUrl: string): string {
  return exploreUrl(grafanaUrl, QUICKWIT_DATASOURCE, quickwitLogsQuery('service_name:frontend-web'));
}
