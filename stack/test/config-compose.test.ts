// Checks docker-compose.yml without Docker: the eight services, pinned images,
// healthchecks, health-gated start order, ports bound to 127.0.0.1 and matching
// docs/architecture.md, named volumes, the shared config files mounted, and the
// environment the collector (trace store Tempo over OTLP gRPC, log store
// Quickwit over OTLP/HTTP, no file export), Grafana and the apps read; and that
// the frontend image builds the standalone server it runs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { PROMETHEUS_FEATURES } from '../src/run/stack-plan';

const root = join(__dirname, '..', '..');

type Healthcheck = { test?: string[] | string; disable?: boolean };
type Service = {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition?: string }>;
  restart?: string;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const services = compose.services;

const APP_SERVICES = ['frontend', 'node-api', 'worker'];
const STACK_SERVICES = ['collector', 'tempo', 'quickwit', 'prometheus', 'grafana'];
/** Extra helper containers the file may add, with the reason they exist. */
const HELPERS: Record<string, string> = {
  'collector-health': 'probes the distroless collector image, which cannot run a healthcheck itself',
  'collector-queue-owner': 'hands the collector queue volume to the collector image user (uid 10001) before it starts',
};

/** Published ports per service, as docs/architecture.md lists them. */
const DOCUMENTED_PORTS: Record<string, number[]> = {
  frontend: [3001],
  'node-api': [8001],
  worker: [8002],
  collector: [4317, 4318, 13133, 8888],
  tempo: [3200, 4417, 4418, 9095],
  quickwit: [7280, 7281],
  prometheus: [9090],
  grafana: [3000],
};

/** Ports every service must publish (a subset of the documented ones). */
const REQUIRED_PORTS: Record<string, number[]> = {
  frontend: [3001],
  'node-api': [8001],
  worker: [8002],
  collector: [4317, 4318, 13133, 8888],
  tempo: [3200],
  quickwit: [7280],
  prometheus: [9090],
  grafana: [3000],
};

const PINNED_IMAGES: Record<string, RegExp> = {
  collector: /^otel\/opentelemetry-collector-contrib:0\.159\.0$/,
  tempo: /^grafana\/tempo:3\.0\.3$/,
  quickwit: /^quickwit\/quickwit:0\.9\.0$/,
  prometheus: /^prom\/prometheus:v3\.14\.0$/,
  grafana: /^grafana\/grafana:13\.\d+\.\d+$/,
};

function env(name: string): Record<string, string> {
  const raw = services[name]?.environment ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function publishedPorts(name: string): { host: string; published: number; target: number }[] {
  return (services[name]?.ports ?? []).map((spec) => {
    const match = /^(\d+\.\d+\.\d+\.\d+):(\d+):(\d+)(\/(tcp|udp))?$/.exec(spec);
    assert.ok(match, `${name}: port "${spec}" must be written as "127.0.0.1:<host port>:<container port>"`);
    return { host: match[1] as string, published: Number(match[2]), target: Number(match[3]) };
  });
}

function mounts(name: string): string[] {
  return services[name]?.volumes ?? [];
}

describe('docker-compose.yml', () => {
  it('defines the eight services of the demo (plus only the documented helper)', () => {
    const names = Object.keys(services).sort();
    for (const name of [...APP_SERVICES, ...STACK_SERVICES]) {
      assert.ok(names.includes(name), `service "${name}" is missing`);
    }
    const extra = names.filter((n) => ![...APP_SERVICES, ...STACK_SERVICES].includes(n) && !(n in HELPERS));
    assert.deepEqual(extra, [], `unexpected services: ${extra.join(', ')}`);
  });

  it('pins every image tag (no latest, no floating major)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) {
        assert.ok(service.build.dockerfile && existsSync(join(root, service.build.dockerfile)), `${name}: Dockerfile missing`);
        assert.equal(service.build.context, '.', `${name}: builds from the workspace root so npm ci uses the root lockfile`);
        continue;
      }
      const image = service.image ?? '';
      assert.match(image, /^[\w./-]+:v?\d+\.\d+\.\d+$/, `${name}: image "${image}" must have a full version tag`);
    }
    for (const [name, pattern] of Object.entries(PINNED_IMAGES)) {
      assert.match(services[name]?.image ?? '', pattern, `${name}: unexpected image`);
    }
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'collector-queue-owner') {
        // A one-shot: the collector waits for it to complete, not to be healthy.
        assert.equal(services['collector']?.depends_on?.[name]?.condition, 'service_completed_successfully');
        assert.equal(service.restart, 'no', 'a one-shot must not restart');
        continue;
      }
      if (name === 'collector') {
        // Distroless: checked through the collector-health sidecar instead.
        assert.equal(services['collector-health']?.healthcheck?.test?.includes('http://collector:13133/'), true,
          'collector-health must probe http://collector:13133/');
        continue;
      }
      assert.ok(service.healthcheck?.test && !service.healthcheck.disable, `${name}: no healthcheck`);
    }
  });

  it('starts services only after what they need is healthy', () => {
    const needs: Record<string, string[]> = {
      frontend: ['node-api', 'collector-health'],
      'node-api': ['worker', 'collector-health'],
      worker: ['collector-health'],
      collector: ['tempo', 'quickwit', 'prometheus'],
      grafana: ['prometheus', 'tempo', 'quickwit'],
    };
    for (const [name, deps] of Object.entries(needs)) {
      for (const dep of deps) {
        assert.equal(services[name]?.depends_on?.[dep]?.condition, 'service_healthy', `${name} must wait for ${dep} to be healthy`);
      }
    }
  });

  it('binds every published port to 127.0.0.1, on the ports docs/architecture.md lists', () => {
    const architecture = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    const seen = new Map<number, string>();
    for (const name of Object.keys(services)) {
      for (const port of publishedPorts(name)) {
        assert.equal(port.host, '127.0.0.1', `${name}: port ${port.published} is published on ${port.host}`);
        assert.equal(port.published, port.target, `${name}: host and container port differ (${port.published}:${port.target}); the native stack uses the same ports`);
        assert.ok(DOCUMENTED_PORTS[name]?.includes(port.published), `${name}: port ${port.published} is not the documented one`);
        assert.ok(architecture.includes(String(port.published)), `port ${port.published} is not in docs/architecture.md`);
        assert.ok(!seen.has(port.published), `port ${port.published} published twice (${seen.get(port.published)} and ${name})`);
        seen.set(port.published, name);
      }
      for (const required of REQUIRED_PORTS[name] ?? []) {
        assert.ok(seen.get(required) === name, `${name}: must publish port ${required}`);
      }
    }
  });

  it('keeps state in named volumes and mounts the same config files as the native stack', () => {
    const named = Object.keys(compose.volumes ?? {});
    for (const [name, path] of [['collector', '/var/lib/otelcol/queue'], ['collector-queue-owner', '/var/lib/otelcol/queue'], ['tempo', '/var/tempo'], ['quickwit', '/quickwit/qwdata'], ['prometheus', '/prometheus'], ['grafana', '/var/lib/grafana']] as const) {
      const volume = mounts(name).find((m) => m.split(':')[1] === path);
      assert.ok(volume, `${name}: no volume at ${path}`);
      assert.ok(named.includes(volume.split(':')[0] as string), `${name}: ${path} must be a named volume`);
    }
    const expectMount = (name: string, source: string): void => {
      const mount = mounts(name).find((m) => m.startsWith(`${source}:`));
      assert.ok(mount, `${name}: ${source} is not mounted`);
      assert.ok(existsSync(join(root, source)), `${source} does not exist`);
      assert.ok(mount.endsWith(':ro'), `${name}: ${source} should be mounted read-only`);
    };
    expectMount('collector', './collector/config.yaml');
    expectMount('tempo', './tempo/tempo.yaml');
    expectMount('quickwit', './quickwit/quickwit.yaml');
    expectMount('prometheus', './prometheus/prometheus.yml');
    expectMount('prometheus', './prometheus/rules');
    expectMount('prometheus', './prometheus/targets-docker');
    expectMount('grafana', './grafana/provisioning');
    expectMount('grafana', './grafana/dashboards');
  });

  it('points the collector at the backends through the variables its config reads', () => {
    const config = readFileSync(join(root, 'collector', 'config.yaml'), 'utf8');
    const collector = env('collector');
    const expected: Record<string, string> = {
      COLLECTOR_HOST: '0.0.0.0',
      // Tempo's OTLP gRPC receiver; Quickwit's OTLP/HTTP endpoint (the
      // otlp_http exporter appends /v1/logs); Prometheus's OTLP receiver.
      TRACE_STORE_OTLP_ENDPOINT: 'tempo:4417',
      LOG_STORE_OTLP_ENDPOINT: 'http://quickwit:7280/api/v1/otlp',
      PROMETHEUS_OTLP_ENDPOINT: 'http://prometheus:9090/api/v1/otlp',
      FRONTEND_ORIGIN: 'http://localhost:3001',
    };
    for (const [key, value] of Object.entries(expected)) {
      assert.equal(collector[key], value, `collector ${key}`);
      assert.ok(config.includes(`\${env:${key}:-`), `collector/config.yaml does not read ${key}`);
    }
    // Every project variable set on the collector is one its config reads
    // (this also keeps the removed TEMPO_OTLP_ENDPOINT, QUICKWIT_OTLP_ENDPOINT
    // and LOGS_EXPORT_PATH from coming back).
    for (const key of Object.keys(collector).filter((k) => !k.startsWith('OTEL_'))) {
      assert.ok(config.includes(`\${env:${key}:-`), `collector sets ${key}, which collector/config.yaml never reads`);
    }
    for (const removed of ['TEMPO_OTLP_ENDPOINT', 'QUICKWIT_OTLP_ENDPOINT', 'LOGS_EXPORT_PATH']) {
      assert.equal(collector[removed], undefined, `collector still sets the removed ${removed}`);
    }
    // The collector writes only its queues, to a named volume at COLLECTOR_QUEUE_DIR.
    const service = services['collector'] as Service & { tmpfs?: unknown };
    assert.equal(service.tmpfs, undefined, 'the collector needs no writable tmpfs (the file export is gone)');
    assert.deepEqual(mounts('collector'), ['./collector/config.yaml:/etc/otelcol-contrib/config.yaml:ro', `collector-queue:${collector['COLLECTOR_QUEUE_DIR']}`]);
    // Each endpoint names a compose service and one of the ports it serves.
    for (const key of ['TRACE_STORE_OTLP_ENDPOINT', 'LOG_STORE_OTLP_ENDPOINT', 'PROMETHEUS_OTLP_ENDPOINT']) {
      const endpoint = new URL((collector[key] as string).includes('://') ? (collector[key] as string) : `grpc://${collector[key]}`);
      assert.ok(DOCUMENTED_PORTS[endpoint.hostname]?.includes(Number(endpoint.port)), `${key}: ${endpoint.hostname} does not serve port ${endpoint.port}`);
    }
  });

  it('gives Grafana every variable its provisioning files use, and anonymous read-only access', () => {
    const grafana = env('grafana');
    const provisioning = ['datasources/datasources.yaml', 'dashboards/dashboards.yaml']
      .map((f) => readFileSync(join(root, 'grafana', 'provisioning', f), 'utf8'))
      .join('\n')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    const used = new Set([...provisioning.matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)\}/g)].map((m) => m[1] as string));
    assert.ok(used.size >= 4, 'expected the provisioning files to read backend URLs from the environment');
    for (const name of used) assert.ok(grafana[name], `Grafana provisioning uses \${${name}} but compose does not set it`);
    assert.equal(grafana['PROMETHEUS_URL'], 'http://prometheus:9090');
    assert.equal(grafana['TEMPO_URL'], 'http://tempo:3200');
    assert.equal(grafana['QUICKWIT_URL'], 'http://quickwit:7280');
    assert.equal(grafana['GF_AUTH_ANONYMOUS_ENABLED'], 'true');
    assert.equal(grafana['GF_AUTH_ANONYMOUS_ORG_ROLE'], 'Viewer');
    assert.match(grafana['GF_PLUGINS_PREINSTALL_SYNC'] ?? '', /^quickwit-quickwit-datasource@\d+\.\d+\.\d+@https:\/\//, 'Quickwit plugin must be pinned');
    // Anonymous users are Viewers; Explore (where every cross-signal link goes) needs viewers_can_edit.
    assert.equal(grafana['GF_USERS_VIEWERS_CAN_EDIT'], 'true');
    // The admin password comes from the caller's environment, never from the repo.
    assert.equal(services['grafana']?.environment?.['GF_SECURITY_ADMIN_PASSWORD'], '${GF_SECURITY_ADMIN_PASSWORD:-}');
  });

  it('configures the apps with the documented names and OTLP endpoint', () => {
    const expected: Record<string, Record<string, string>> = {
      frontend: { OTEL_SERVICE_NAME: 'frontend', PORT: '3001', PUBLIC_OTLP_URL: 'http://localhost:4318', PUBLIC_NODE_API_URL: 'http://localhost:8001' },
      'node-api': { OTEL_SERVICE_NAME: 'node-api', PORT: '8001', WORKER_URL: 'http://worker:8002' },
      worker: { OTEL_SERVICE_NAME: 'worker', PORT: '8002' },
    };
    for (const [name, vars] of Object.entries(expected)) {
      const e = env(name);
      for (const [key, value] of Object.entries(vars)) assert.equal(e[key], value, `${name} ${key}`);
      assert.equal(e['HOST'], '0.0.0.0', `${name} must listen on all interfaces inside its container`);
      assert.equal(e['OTEL_EXPORTER_OTLP_ENDPOINT'], 'http://collector:4318', `${name} OTLP endpoint`);
      assert.match(e['OTEL_RESOURCE_ATTRIBUTES'] ?? '', /service\.namespace=o11y-demo/);
      assert.match(e['OTEL_RESOURCE_ATTRIBUTES'] ?? '', /deployment\.environment\.name=/);
    }
    const cors = env('node-api')['CORS_ORIGINS'] ?? '';
    assert.ok(cors.split(',').includes(env('collector')['FRONTEND_ORIGIN'] ?? ''), 'node-api CORS must allow the frontend origin');
  });

  it('runs Prometheus with the OTLP receiver and the features the dashboards rely on', () => {
    const command = services['prometheus']?.command;
    assert.ok(Array.isArray(command));
    assert.ok(command.includes('--web.enable-otlp-receiver'));
    const features = command.find((c) => c.startsWith('--enable-feature='))?.split('=')[1]?.split(',') ?? [];
    assert.deepEqual([...features].sort(), [...PROMETHEUS_FEATURES].sort(), 'compose passes the same Prometheus features as the native stack');
  });

  it('runs Tempo monolithic with environment expansion', () => {
    const command = services['tempo']?.command;
    assert.ok(Array.isArray(command));
    for (const flag of ['-target=all', '-config.expand-env=true']) assert.ok(command.includes(flag), `tempo needs ${flag}`);
  });

  it('builds the frontend image as the standalone server it runs', () => {
    // next.config.ts emits .next/standalone only when NEXT_OUTPUT asks for it.
    const dockerfile = readFileSync(join(root, 'frontend', 'Dockerfile'), 'utf8');
    const buildStage = dockerfile.slice(dockerfile.indexOf(' AS build'), dockerfile.indexOf(' AS runtime'));
    assert.match(buildStage, /^ENV [^]*?\bNEXT_OUTPUT=standalone\b/m, 'the build stage must set NEXT_OUTPUT=standalone');
    assert.match(dockerfile, /COPY --from=build \/app\/frontend\/\.next\/standalone /);
    // The page's own server (src/server/serve.ts) serves the standalone build.
    assert.match(dockerfile, /^CMD \["node", "frontend\/dist\/serve\.js"\]/m);
    assert.match(dockerfile, /COPY --from=build \/app\/frontend\/dist \.\/frontend\/dist/);
  });

  it("copies every workspace's package.json into each image before npm ci, which refuses a partial workspace set", () => {
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
    for (const dockerfile of ['services/Dockerfile', 'frontend/Dockerfile']) {
      const text = readFileSync(join(root, dockerfile), 'utf8');
      for (const workspace of workspaces) {
        assert.ok(text.includes(`COPY ${workspace}/package.json ${workspace}/`), `${dockerfile} does not copy ${workspace}/package.json`);
      }
    }
  });
});
