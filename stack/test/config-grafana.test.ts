// Checks Grafana's provisioning and dashboards without running Grafana: valid
// JSON with a schema version, every data source uid a dashboard uses is
// provisioned, links between dashboards resolve, and every PromQL expression
// (dashboards and data source queries) parses, checked by the real promtool.
// Also how docker compose runs Grafana: anonymous Viewers may open Explore
// (every cross-signal link goes there), the Quickwit plugin is pinned to a
// 0.6.x release URL, and no other service waits for Grafana (a failed plugin
// download stops only Grafana). See grafana/README.md.
//
// Needs PROMTOOL_BIN (set by the native stack runner after it builds
// Prometheus; `npx tsx stack/src/cli.ts build` builds it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { requireBinary } from './support/backend-binary';

const root = join(__dirname, '..', '..');
const grafanaDir = join(root, 'grafana');


type Target = { datasource?: { uid?: string; type?: string }; expr?: string; refId?: string };
type Panel = {
  id?: number;
  type: string;
  title?: string;
  datasource?: { uid?: string; type?: string };
  targets?: Target[];
  panels?: Panel[];
  gridPos?: { x: number; y: number; w: number; h: number };
};
type Dashboard = {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating?: { list?: { name: string; datasource?: { uid?: string }; query?: unknown }[] };
};
type Datasource = { name: string; uid: string; type: string; url: string; jsonData?: Record<string, unknown> };

const datasourcesFile = parse(readFileSync(join(grafanaDir, 'provisioning', 'datasources', 'datasources.yaml'), 'utf8')) as {
  datasources: Datasource[];
};
const datasources = new Map(datasourcesFile.datasources.map((d) => [d.uid, d]));
const dashboardFiles = readdirSync(join(grafanaDir, 'dashboards')).filter((f) => f.endsWith('.json'));
const dashboards = new Map<string, Dashboard>();
for (const file of dashboardFiles) {
  dashboards.set(file, JSON.parse(readFileSync(join(grafanaDir, 'dashboards', file), 'utf8')) as Dashboard);
}

function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}

/** Replaces Grafana's template variables with values PromQL accepts. */
function substituteVariables(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}|\$\{__interval\}/g, '1m')
    .replace(/\$__range|\$\{__range\}/g, '1h')
    .replace(/\{\$\$?__tags\}/g, '{service_name="node-api"}')
    .replace(/\{\$\$?__tags,/g, '{service_name="node-api",')
    .replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '.*');
}

describe('Grafana provisioning', () => {
  it('provisions the three data sources with the uids the dashboards use', () => {
    assert.equal(datasources.get('prometheus')?.type, 'prometheus');
    assert.equal(datasources.get('tempo')?.type, 'tempo');
    assert.equal(datasources.get('quickwit')?.type, 'quickwit-quickwit-datasource');
    assert.equal(datasources.get('quickwit')?.jsonData?.['index'], 'otel-logs-v0_9');
  });

  it('links the signals: exemplars and log lines to Tempo, Tempo to Prometheus', () => {
    const prom = datasources.get('prometheus')?.jsonData ?? {};
    const exemplars = prom['exemplarTraceIdDestinations'] as { name: string; datasourceUid: string }[];
    assert.deepEqual(exemplars.map((e) => [e.name, e.datasourceUid]), [['trace_id', 'tempo']]);

    const tempo = datasources.get('tempo')?.jsonData ?? {};
    assert.equal((tempo['serviceMap'] as { datasourceUid: string }).datasourceUid, 'prometheus');
    assert.equal((tempo['nodeGraph'] as { enabled: boolean }).enabled, true);
    assert.equal((tempo['tracesToMetrics'] as { datasourceUid: string }).datasourceUid, 'prometheus');

    const links = datasources.get('quickwit')?.jsonData?.['dataLinks'] as { field: string; datasourceUid: string; url: string }[];
    assert.deepEqual(links.map((l) => [l.field, l.datasourceUid]), [['trace_id', 'tempo']]);
    // `$$` in provisioning keeps Grafana from expanding it as an environment variable.
    assert.equal(links[0]?.url, '$${__value.raw}');
  });

  it('loads the dashboards from the directory compose mounts', () => {
    const providers = parse(readFileSync(join(grafanaDir, 'provisioning', 'dashboards', 'dashboards.yaml'), 'utf8')) as {
      providers: { type: string; options: { path: string } }[];
    };
    assert.equal(providers.providers[0]?.type, 'file');
    assert.equal(providers.providers[0]?.options.path, '${GRAFANA_DASHBOARDS_DIR}');
  });
});

describe('Grafana under docker compose', () => {
  type ComposeService = { image?: string; environment?: Record<string, string>; depends_on?: Record<string, unknown> };
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  const grafana = compose.services['grafana'];
  const env = grafana?.environment ?? {};

  it('lets anonymous Viewers open Explore, where every link between signals leads', () => {
    assert.equal(env['GF_AUTH_ANONYMOUS_ENABLED'], 'true');
    assert.equal(env['GF_AUTH_ANONYMOUS_ORG_ROLE'], 'Viewer');
    assert.equal(env['GF_USERS_VIEWERS_CAN_EDIT'], 'true', 'without viewers_can_edit, Viewers get no Explore and the trace/log links fail');
    assert.match(readFileSync(join(grafanaDir, 'README.md'), 'utf8'), /GF_USERS_VIEWERS_CAN_EDIT/, 'grafana/README.md must explain the setting');
  });

  it('pins the Quickwit plugin to a 0.6.x release, downloaded from the matching release asset', () => {
    const spec = env['GF_PLUGINS_PREINSTALL_SYNC'] ?? '';
    const match = /^quickwit-quickwit-datasource@(0\.6\.\d+)@(https:\/\/\S+)$/.exec(spec);
    assert.ok(match, `GF_PLUGINS_PREINSTALL_SYNC must be quickwit-quickwit-datasource@0.6.<patch>@<url>, got "${spec}"`);
    const [, version, url] = match;
    assert.equal(url, `https://github.com/quickwit-oss/quickwit-datasource/releases/download/v${version}/quickwit-quickwit-datasource-${version}.zip`);
    assert.equal(env['GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS'], 'quickwit-quickwit-datasource');
    assert.ok(readFileSync(join(grafanaDir, 'README.md'), 'utf8').includes(`**${version}**`), `grafana/README.md must name plugin version ${version}`);
    // The 0.6 line is built for Grafana 12.2 and newer.
    assert.match(grafana?.image ?? '', /^grafana\/grafana:(1[3-9]|12\.([3-9]|2\.([5-9]|\d\d)))/);
  });

  it('is depended on by no other service: a failed plugin download stops only Grafana', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(!Object.keys(service.depends_on ?? {}).includes('grafana'), `${name} must not depend on grafana`);
    }
  });
});

describe('Grafana dashboards', () => {
  it('has the Services, Frontend RUM, Logs and Trace dashboards', () => {
    const titles = [...dashboards.values()].map((d) => d.title).sort();
    assert.deepEqual(titles, ['Frontend RUM', 'Logs', 'Services', 'Trace']);
  });

  for (const [file, dashboard] of dashboards) {
    it(`${file}: valid dashboard with a schema version, unique uid and panel ids`, () => {
      assert.ok(Number.isInteger(dashboard.schemaVersion) && dashboard.schemaVersion >= 36, 'schemaVersion missing or too old');
      assert.match(dashboard.uid, /^[a-z0-9-]{1,40}$/);
      const panels = allPanels(dashboard.panels);
      assert.ok(panels.length > 0);
      const ids = panels.map((p) => p.id);
      assert.equal(new Set(ids).size, ids.length, 'panel ids must be unique');
      for (const panel of panels) assert.ok(panel.gridPos, `panel "${panel.title}" has no gridPos`);
    });

    it(`${file}: every data source it references is provisioned`, () => {
      const json = readFileSync(join(grafanaDir, 'dashboards', file), 'utf8');
      const uids = new Set([...json.matchAll(/"datasourceUid":\s*"([^"]+)"/g)].map((m) => m[1]));
      for (const panel of allPanels(dashboard.panels)) {
        for (const ref of [panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)]) {
          if (ref?.uid) uids.add(ref.uid);
        }
      }
      for (const variable of dashboard.templating?.list ?? []) if (variable.datasource?.uid) uids.add(variable.datasource.uid);
      assert.ok(uids.size > 0);
      for (const uid of uids) {
        if (uid === undefined || uid === '-- Dashboard --' || uid === '-- Mixed --') continue;
        assert.ok(datasources.has(uid), `data source uid "${uid}" is not provisioned`);
      }
    });

    it(`${file}: links to other dashboards resolve`, () => {
      const json = readFileSync(join(grafanaDir, 'dashboards', file), 'utf8');
      const known = new Set([...dashboards.values()].map((d) => d.uid));
      for (const match of json.matchAll(/\/d\/([a-z0-9-]+)/g)) {
        assert.ok(known.has(match[1] as string), `link to unknown dashboard uid ${match[1]}`);
      }
    });
  }

  it('uses Prometheus metric names that exist in the demo (no typos in the key series)', () => {
    const all = [...dashboards.values()].map((d) => JSON.stringify(d)).join('\n');
    for (const name of [
      'http_server_request_duration_seconds_bucket',
      'traces_span_metrics_duration_seconds_bucket',
      'traces_span_metrics_calls_total',
      'traces_service_graph_request_total',
      'rum_web_vital_bucket',
      'rum_browser_errors_total',
      'demo_items_served_total',
      'demo_items_processed_total',
    ]) {
      assert.ok(all.includes(name), `no dashboard uses ${name}`);
    }
  });
});

describe('PromQL in dashboards and data sources', () => {
  const work = mkdtempSync(join(tmpdir(), 'o11y-promql-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('every expression parses (promtool check rules on a generated rule file)', () => {
    const promtool = requireBinary('PROMTOOL_BIN');
    const expressions: { where: string; expr: string }[] = [];
    for (const [file, dashboard] of dashboards) {
      for (const panel of allPanels(dashboard.panels)) {
        for (const target of panel.targets ?? []) {
          const uid = target.datasource?.uid ?? panel.datasource?.uid;
          if (uid === 'prometheus' && target.expr) expressions.push({ where: `${file} "${panel.title}" ${target.refId}`, expr: target.expr });
        }
      }
      for (const variable of dashboard.templating?.list ?? []) {
        const query = (variable.query as { query?: string } | undefined)?.query;
        const inner = query && /^label_values\((.+),\s*\w+\)$/.exec(query)?.[1];
        if (variable.datasource?.uid === 'prometheus' && inner) expressions.push({ where: `${file} variable ${variable.name}`, expr: inner });
      }
    }
    const tracesToMetrics = (datasources.get('tempo')?.jsonData?.['tracesToMetrics'] as { queries: { name: string; query: string }[] }).queries;
    for (const q of tracesToMetrics) expressions.push({ where: `tempo tracesToMetrics "${q.name}"`, expr: q.query });
    assert.ok(expressions.length >= 20, `only ${expressions.length} expressions found`);

    const rules = {
      groups: [
        {
          name: 'dashboard-expressions',
          rules: expressions.map((e, i) => ({ record: `check:expression_${i}`, expr: substituteVariables(e.expr) })),
        },
      ],
    };
    const file = join(work, 'dashboard-expressions.yml');
    writeFileSync(file, JSON.stringify(rules, null, 2));
    try {
      execFileSync(promtool, ['check', 'rules', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const output = String((error as { stdout?: string }).stdout ?? '') + String((error as { stderr?: string }).stderr ?? '');
      const index = /group "dashboard-expressions", rule (\d+)/.exec(output)?.[1];
      const culprit = index !== undefined ? expressions[Number(index) - 1] : undefined;
      assert.fail(`promtool rejected a PromQL expression${culprit ? ` (${culprit.where}: ${culprit.expr})` : ''}:\n${output}`);
    }
  });
});
