import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackendBinaries } from '../src/build/backend-binaries';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MALLOC_TUNABLES, planStack } from '../src/run/stack-plan';

const bin = (path: string) => ({ path, source: 'cache' as const });
const base: BackendBinaries = { otelcol: bin('/c/otelcol'), prometheus: bin('/c/prometheus') };

function names(binaries: BackendBinaries): string[] {
  return planStack(binaries, { exportProfile: 'interactive' }).components.map((c) => c.name);
}

function componentEnv(binaries: BackendBinaries, name: string): Readonly<Record<string, string>> {
  const component = planStack(binaries, { exportProfile: 'interactive' }).components.find((c) => c.name === name);
  assert.ok(component, `${name} is in the plan`);
  return component.env;
}

describe('planStack', () => {
  const native = { ...base, jaeger: bin('/c/jaeger'), victoriaLogs: bin('/c/victoria-logs') };

  it('runs Jaeger and VictoriaLogs by default, and says Grafana is not running', () => {
    assert.deepEqual(names(native), ['jaeger', 'victoria-logs', 'prometheus', 'collector', 'worker', 'node-api', 'frontend']);
    const skipped = planStack(native, { exportProfile: 'interactive' }).skipped;
    assert.deepEqual(skipped.map((s) => s.name), ['grafana']);
  });

  it('points the collector and the frontend at the stores that run', () => {
    assert.equal(componentEnv(native, 'collector')['LOG_STORE_OTLP_ENDPOINT'], 'http://127.0.0.1:9428/insert/opentelemetry');
    const frontend = componentEnv(native, 'frontend');
    assert.equal(frontend['TRACE_STORE'], 'jaeger');
    assert.equal(frontend['LOG_STORE'], 'victorialogs');
    assert.equal(frontend['GRAFANA_URL'], undefined, 'no Grafana link target when Grafana does not run');
  });

  it('runs Tempo and Quickwit instead when the user brings them', () => {
    const brought = { ...base, tempo: bin('/opt/tempo'), quickwit: bin('/opt/quickwit') };
    assert.deepEqual(names(brought), ['tempo', 'quickwit', 'prometheus', 'collector', 'worker', 'node-api', 'frontend']);
    assert.equal(componentEnv(brought, 'collector')['LOG_STORE_OTLP_ENDPOINT'], 'http://127.0.0.1:7280/api/v1/otlp');
    assert.equal(componentEnv(brought, 'frontend')['TRACE_STORE'], 'tempo');
    assert.equal(componentEnv(brought, 'frontend')['LOG_STORE'], 'quickwit');
  });

  it('runs Prometheus in the built UI directory and links its query page with an expression filled in', () => {
    const prometheus = planStack({ ...native, prometheusUi: bin('/c/prometheus-ui-v0') }, { exportProfile: 'interactive' }).components.find(
      (c) => c.name === 'prometheus',
    );
    assert.equal(prometheus?.cwd, '/c/prometheus-ui-v0', 'web/ui/ui.go reads static/ under the working directory');
    const url = new URL(prometheus?.url ?? '');
    assert.equal(`${url.origin}${url.pathname}`, 'http://localhost:9090/query');
    assert.match(url.searchParams.get('g0.expr') ?? '', /traces_span_metrics_calls_total/);
    assert.equal(url.searchParams.get('g0.tab'), 'graph');
  });

  it('gives every component its own ports', () => {
    const ports = planStack(native, { exportProfile: 'test' }).components.flatMap((c) => c.ports.map((p) => p.port));
    assert.equal(new Set(ports).size, ports.length, `duplicate port in ${ports.join(', ')}`);
  });

  it('exports faster on the test profile than on the interactive one, and never at SDK defaults', () => {
    const interactive = componentEnv(native, 'node-api');
    const test = planStack(native, { exportProfile: 'test' }).components.find((c) => c.name === 'node-api')?.env ?? {};
    assert.equal(interactive['OTEL_BSP_SCHEDULE_DELAY'], '500');
    assert.equal(interactive['OTEL_METRIC_EXPORT_INTERVAL'], '5000');
    assert.equal(test['OTEL_BSP_SCHEDULE_DELAY'], '200');
  });

  it('bounds each Node service: V8 heap caps and glibc malloc thresholds, keeping what the user set', () => {
    const saved = { NODE_OPTIONS: process.env['NODE_OPTIONS'], GLIBC_TUNABLES: process.env['GLIBC_TUNABLES'] };
    process.env['NODE_OPTIONS'] = '--enable-source-maps';
    process.env['GLIBC_TUNABLES'] = 'glibc.malloc.arena_max=2';
    try {
      for (const name of ['worker', 'node-api', 'frontend']) {
        const env = componentEnv(native, name);
        assert.match(env['NODE_OPTIONS'] ?? '', /^--enable-source-maps --max-semi-space-size=2 --max-old-space-size=\d+$/, name);
        assert.equal(env['GLIBC_TUNABLES'], 'glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072:glibc.malloc.mmap_threshold=131072', name);
      }
      assert.equal(componentEnv(native, 'prometheus')['GLIBC_TUNABLES'], undefined, 'the Go backends do not use glibc malloc');
      // Under `npm start` the supervisor has them already: not twice.
      process.env['GLIBC_TUNABLES'] = `glibc.malloc.arena_max=2:${MALLOC_TUNABLES}`;
      assert.equal(componentEnv(native, 'worker')['GLIBC_TUNABLES'], `glibc.malloc.arena_max=2:${MALLOC_TUNABLES}`);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('npm start gives the supervisor the same malloc tunables as the Node services', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(manifest.scripts['start'], `GLIBC_TUNABLES=\${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}${MALLOC_TUNABLES} node stack/bootstrap.mjs start`);
  });
});
