import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DASHBOARD_DIR = join(__dirname, '..', '..', 'grafana', 'dashboards');

export interface DashboardQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

interface Panel {
  title?: string;
  datasource?: { type?: string; uid?: string } | string;
  targets?: { expr?: string; datasource?: { type?: string; uid?: string } }[];
  panels?: Panel[];
}

function isPrometheus(datasource: Panel['datasource']): boolean {
  if (!datasource) return false;
  if (typeof datasource === 'string') return datasource.toLowerCase().includes('prometheus');
  return datasource.type === 'prometheus' || datasource.uid === 'prometheus';
}

/** Every PromQL expression of every provisioned dashboard, rows' nested panels included. */
export function readDashboardQueries(): DashboardQuery[] {
  const queries: DashboardQuery[] = [];
  for (const file of readdirSync(DASHBOARD_DIR).filter((name) => name.endsWith('.json'))) {
    const dashboard = JSON.parse(readFileSync(join(DASHBOARD_DIR, file), 'utf8')) as { title: string; panels?: Panel[] };
    const visit = (panels: Panel[] | undefined) => {
      for (const panel of panels ?? []) {
        for (const target of panel.targets ?? []) {
          if (target.expr && (isPrometheus(target.datasource) || isPrometheus(panel.datasource))) {
            queries.push({ dashboard: dashboard.title, panel: panel.title ?? '(untitled)', expr: target.expr });
          }
        }
        visit(panel.panels);
      }
    };
    visit(dashboard.panels);
  }
  return queries;
}

/**
 * Replaces Grafana's variables with what a freshly opened dashboard would use:
 * rate windows of 5m (what $__rate_interval gives over the last hours), template variables match everything.
 */
export function resolveGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}|\$\{__interval\}/g, '5m')
    .replace(/\$__range|\$\{__range\}/g, '15m')
    .replace(/(\w+)\s*=\s*"\$\{?\w+(?::\w+)?\}?"/g, '$1=~".+"')
    .replace(/(\w+)\s*=~\s*"\$\{?\w+(?::\w+)?\}?"/g, '$1=~".+"')
    .replace(/\$\{?\w+(?::\w+)?\}?/g, '.+');
}
