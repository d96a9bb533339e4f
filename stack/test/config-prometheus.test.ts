// Checks prometheus/ with the real tools: promtool validates the config and the
// rule files and runs the alert unit tests; then Prometheus itself starts with
// exactly the flags the native stack and docker compose use (on a free port,
// with a throw-away TSDB, in the directory holding the built web UI) and must
// report ready, with the OTLP receiver on and its query page served.
//
// Needs PROMTOOL_BIN and PROMETHEUS_BIN (set by the native stack runner after
// it builds Prometheus; `npx tsx stack/src/cli.ts build` builds them).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { requireBinary } from './support/backend-binary';
import { freePort, root, run, stop, waitForUrl } from './support/processes';
import { PROMETHEUS_FEATURES } from '../src/run/stack-plan';

const promDir = join(root, 'prometheus');

/** The Prometheus flags the stack runs with (besides listen address and TSDB path). */
const PROMETHEUS_FLAGS = ['--web.enable-otlp-receiver', `--enable-feature=${PROMETHEUS_FEATURES.join(',')}`];

describe('prometheus/ with promtool', () => {
  it('promtool check config accepts prometheus.yml (with its rule files)', () => {
    const out = run(requireBinary('PROMTOOL_BIN'), ['check', 'config', join(promDir, 'prometheus.yml')]);
    assert.match(out, /SUCCESS/);
  });

  it('promtool check rules accepts the alert rules', () => {
    run(requireBinary('PROMTOOL_BIN'), ['check', 'rules', join(promDir, 'rules', 'alerts.yml')]);
  });

  it('promtool test rules passes the alert unit tests', () => {
    const out = run(requireBinary('PROMTOOL_BIN'), ['test', 'rules', join(promDir, 'rules', 'alerts.test.yml')]);
    assert.match(out, /SUCCESS/);
  });

  it('has the alerts the demo promises, each unit-tested firing and not firing', () => {
    const rules = parse(readFileSync(join(promDir, 'rules', 'alerts.yml'), 'utf8')) as { groups: { rules: { alert?: string }[] }[] };
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert)).filter((a): a is string => a !== undefined);
    for (const name of ['TargetDown', 'ServiceNotReporting', 'HighErrorRatio', 'HighLatencyP95', 'TelemetryDropped', 'TelemetryExportStalled', 'TelemetryQueueFilling']) {
      assert.ok(alerts.includes(name), `alert ${name} missing`);
    }
    // promtool only runs the cases alerts.test.yml has: every alert needs a
    // case where it fires and one where it stays quiet.
    const tests = parse(readFileSync(join(promDir, 'rules', 'alerts.test.yml'), 'utf8')) as {
      rule_files: string[];
      tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] | null }[] }[];
    };
    assert.deepEqual(tests.rule_files, ['alerts.yml']);
    const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const name of alerts) {
      const mine = cases.filter((c) => c.alertname === name);
      assert.ok(mine.some((c) => (c.exp_alerts ?? []).length > 0), `alerts.test.yml has no case where ${name} fires`);
      assert.ok(mine.some((c) => (c.exp_alerts ?? []).length === 0), `alerts.test.yml has no case where ${name} stays quiet`);
    }
  });

  it('scrapes the collector\'s own metrics on the port its config serves them, natively and under compose', () => {
    // The pipeline alerts read otelcol_* from this job (collector/config.yaml, service.telemetry).
    const collector = readFileSync(join(root, 'collector', 'config.yaml'), 'utf8');
    const port = /port: \$\{env:COLLECTOR_METRICS_PORT:-(\d+)\}/.exec(collector)?.[1];
    assert.ok(port, 'collector/config.yaml serves its own metrics on ${env:COLLECTOR_METRICS_PORT:-<port>}');
    const prometheus = parse(readFileSync(join(promDir, 'prometheus.yml'), 'utf8')) as { scrape_configs: { job_name: string; file_sd_configs?: { files: string[] }[] }[] };
    const job = prometheus.scrape_configs.find((j) => j.job_name === 'otel-collector');
    assert.deepEqual(job?.file_sd_configs, [{ files: ['targets/collector.yml'] }]);
    const targets = (dir: string) => (parse(readFileSync(join(promDir, dir, 'collector.yml'), 'utf8')) as { targets: string[] }[]).flatMap((g) => g.targets);
    assert.deepEqual(targets('targets'), [`127.0.0.1:${port}`]);
    assert.deepEqual(targets('targets-docker'), [`collector:${port}`]);
  });

  it('promotes the resource attributes the dashboards group by', () => {
    const config = parse(readFileSync(join(promDir, 'prometheus.yml'), 'utf8')) as { otlp: { promote_resource_attributes: string[] } };
    assert.deepEqual([...config.otlp.promote_resource_attributes].sort(), [
      'deployment.environment.name',
      'service.name',
      'service.namespace',
      'service.version',
    ]);
  });

  it('has native (localhost) and docker scrape target files for every job, each scraping the stores that run there', () => {
    const jobs = ['prometheus.yml', 'collector.yml', 'tempo.yml', 'quickwit.yml', 'victoria-logs.yml'];
    const read = (dir: string, file: string) => parse(readFileSync(join(promDir, dir, file), 'utf8')) as { targets: string[] }[];
    const port = (t: string): string => t.split(':')[1] as string;
    const ports = (dir: string, file: string) => read(dir, file).flatMap((g) => g.targets.map(port));
    for (const file of ['prometheus.yml', 'collector.yml']) assert.deepEqual(ports('targets', file), ports('targets-docker', file), file);
    // Native: Jaeger (no metrics) and VictoriaLogs; compose: Tempo and Quickwit.
    assert.deepEqual(ports('targets', 'tempo.yml'), []);
    assert.deepEqual(ports('targets', 'quickwit.yml'), []);
    assert.deepEqual(ports('targets', 'victoria-logs.yml'), ['9428']);
    assert.deepEqual(ports('targets-docker', 'tempo.yml'), ['3200']);
    assert.deepEqual(ports('targets-docker', 'quickwit.yml'), ['7280']);
    assert.deepEqual(ports('targets-docker', 'victoria-logs.yml'), []);
    for (const file of jobs) {
      for (const target of read('targets', file).flatMap((g) => g.targets)) assert.match(target, /^127\.0\.0\.1:\d+$/, file);
    }
  });
});

describe('Prometheus starts with the stack flags', () => {
  const data = mkdtempSync(join(tmpdir(), 'o11y-prometheus-'));
  let child: ChildProcess | undefined;
  after(async () => {
    if (child) await stop(child);
    rmSync(data, { recursive: true, force: true });
  });

  it('becomes ready and accepts OTLP metrics', async () => {
    const binary = requireBinary('PROMETHEUS_BIN');
    const port = await freePort();
    let output = '';
    child = spawn(
      binary,
      [
        `--config.file=${join(promDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        ...PROMETHEUS_FLAGS,
      ],
      // The stack's working directory: where the built web UI lies (stack/src/build/prometheus-ui-build.ts).
      { cwd: requireBinary('PROMETHEUS_UI_DIR'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    await waitForUrl(`http://127.0.0.1:${port}/-/ready`, 30_000, child, () => output);

    // An empty OTLP export request: 200 proves the receiver is enabled (404 otherwise).
    const otlp = await fetch(`http://127.0.0.1:${port}/api/v1/otlp/v1/metrics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf' },
      body: new Uint8Array(0),
    });
    assert.equal(otlp.status, 200, `OTLP receiver answered ${otlp.status}`);

    const rules = (await (await fetch(`http://127.0.0.1:${port}/api/v1/rules`)).json()) as {
      data: { groups: { rules: unknown[] }[] };
    };
    assert.ok(rules.data.groups.flatMap((g) => g.rules).length >= 8, 'rule files were not loaded');

    // The web UI: the query page and the script it loads (a Prometheus without its assets answers 500).
    const page = await fetch(`http://127.0.0.1:${port}/query`);
    const html = await page.text();
    assert.equal(page.status, 200, `/query answered ${page.status}: ${html.slice(0, 200)}`);
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, `no script in the UI's index.html:\n${html.slice(0, 500)}`);
    const asset = await fetch(`http://127.0.0.1:${port}/${script}`);
    await asset.body?.cancel();
    assert.equal(asset.status, 200, `${script} answered ${asset.status}`);
    assert.doesNotMatch(output, /level=(ERROR|error)/, `Prometheus logged errors:\n${output}`);
  });
});
