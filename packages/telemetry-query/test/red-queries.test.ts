import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GRAFANA_SCOPE, GRAFANA_TABLE_SCOPE, WEB_VITAL_METRIC, literalRegex, promqlString, servicesViewQueries } from '../src/index';

const repoRoot = join(__dirname, '..', '..', '..');

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every PromQL expression of every provisioned Grafana dashboard, by dashboard title. */
function dashboardExpressions(): Map<string, string[]> {
  const byDashboard = new Map<string, string[]>();
  const dir = join(repoRoot, 'grafana', 'dashboards');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { title: string; panels?: Panel[] };
    const exprs: string[] = [];
    const visit = (panels: Panel[] = []) => {
      for (const panel of panels) {
        for (const target of panel.targets ?? []) if (target.expr) exprs.push(target.expr);
        visit(panel.panels);
      }
    };
    visit(dashboard.panels);
    byDashboard.set(dashboard.title, exprs);
  }
  return byDashboard;
}

function flatten(queries: ReturnType<typeof servicesViewQueries>): string[] {
  return [
    ...Object.values(queries.services),
    ...Object.values(queries.operations),
    ...queries.webVitals.flatMap((vital) => [vital.chart, vital.window]),
  ];
}

describe('services view PromQL', () => {
  it('is the PromQL of the Grafana dashboards, expression for expression', () => {
    const dashboards = dashboardExpressions();
    const services = dashboards.get('Services') ?? [];
    const rum = dashboards.get('Frontend RUM') ?? [];
    const queries = servicesViewQueries(GRAFANA_SCOPE, GRAFANA_TABLE_SCOPE);
    const missing = [
      ...[...Object.values(queries.services), ...Object.values(queries.operations)].filter((expr) => !services.includes(expr)),
      ...queries.webVitals.flatMap((vital) => [vital.chart, vital.window]).filter((expr) => !rum.includes(expr)),
    ];
    assert.deepEqual(missing, [], 'expressions of the services view that no dashboard panel has (a dashboard or the view changed alone)');
    assert.equal(flatten(queries).length, 4 + 4 + 2 * WEB_VITAL_METRIC.names.length);
  });

  it('writes one service\'s queries for the view with its window and rate interval', () => {
    const queries = servicesViewQueries({ services: literalRegex('node-api'), rateInterval: '1m' }, { services: literalRegex('node-api'), rateInterval: '15m' });
    assert.equal(
      queries.services.rate,
      'sum by (service_name) (rate(traces_span_metrics_calls_total{service_name=~"node-api", span_kind="SPAN_KIND_SERVER"}[1m]))',
    );
    assert.equal(
      queries.services.p95,
      'histogram_quantile(0.95, sum by (le, service_name) (rate(traces_span_metrics_duration_seconds_bucket{service_name=~"node-api", span_kind="SPAN_KIND_SERVER"}[1m])))',
    );
    assert.equal(
      queries.operations.errorRatio,
      '(sum by (service_name, span_kind, span_name) (rate(traces_span_metrics_calls_total{service_name=~"node-api", status_code="STATUS_CODE_ERROR"}[15m]))' +
        ' or 0 * sum by (service_name, span_kind, span_name) (rate(traces_span_metrics_calls_total{service_name=~"node-api"}[15m])))' +
        ' / sum by (service_name, span_kind, span_name) (rate(traces_span_metrics_calls_total{service_name=~"node-api"}[15m]))',
    );
    assert.equal(
      queries.operations.p50,
      'histogram_quantile(0.50, sum by (le, service_name, span_kind, span_name) (rate(traces_span_metrics_duration_seconds_bucket{service_name=~"node-api"}[15m])))',
    );
    assert.deepEqual(queries.webVitals[0], {
      vital: 'lcp',
      chart: 'histogram_quantile(0.75, sum by (le, url_path) (rate(rum_web_vital_bucket{browser_web_vital_name="lcp"}[1m])))',
      window: 'histogram_quantile(0.75, sum by (le, url_path) (rate(rum_web_vital_bucket{browser_web_vital_name="lcp"}[15m])))',
    });
  });

  it('matches a service name literally, whatever it holds', () => {
    assert.equal(literalRegex('a.b+c'), 'a\\.b\\+c');
    assert.equal(literalRegex('x|y(z)'), 'x\\|y\\(z\\)');
    // The regex goes into a PromQL string: its backslashes are escaped once more, quotes too.
    assert.equal(promqlString(literalRegex('a.b"c')), '"a\\\\.b\\"c"');
    const { services } = servicesViewQueries({ services: literalRegex('we"ird.svc'), rateInterval: '1m' }, { services: '.*', rateInterval: '5m' });
    assert.ok(services.rate.includes('service_name=~"we\\"ird\\\\.svc"'), services.rate);
  });

  it('reads the web-vital histogram the collector makes (collector/config.yaml)', () => {
    const config = readFileSync(join(repoRoot, 'collector', 'config.yaml'), 'utf8');
    // Prometheus turns the metric's and the attribute's dots into underscores.
    const metric = WEB_VITAL_METRIC.bucket.replace(/_bucket$/, '');
    const names = [...config.matchAll(/-\s+name:\s+(\S+)/g)].map((match) => match[1]!.replace(/\./g, '_'));
    assert.ok(names.includes(metric), `a signal_to_metrics metric named like ${metric} (found ${names.join(', ')})`);
    const keys = [...config.matchAll(/-\s+key:\s+(\S+)/g)].map((match) => match[1]!.replace(/\./g, '_'));
    assert.ok(keys.includes(WEB_VITAL_METRIC.nameLabel), `an attribute that becomes the label ${WEB_VITAL_METRIC.nameLabel} (found ${keys.join(', ')})`);
    assert.ok(keys.includes(WEB_VITAL_METRIC.pageLabel), `an attribute that becomes the label ${WEB_VITAL_METRIC.pageLabel}`);
  });
});
