import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendBinaries } from '../build/backend-binaries';
import { COLLECTOR_LOG_EXPORT, RUN_DATA_DIR, RUN_DIR, repoPath } from '../paths';
import type { ComponentSpec, SkippedComponent } from './component-spec';

export interface StackProfile {
  /**
   * Short export intervals so tests see telemetry within a second or two
   * instead of the SDK defaults (60 s metrics, 5 s spans, 1 s logs).
   */
  readonly fastExport: boolean;
}

export interface StackPlan {
  readonly components: readonly ComponentSpec[];
  readonly skipped: readonly SkippedComponent[];
}

const LOCALHOST = '127.0.0.1';
const COLLECTOR_OTLP_HTTP = `http://${LOCALHOST}:4318`;
const DEPLOYMENT_ENVIRONMENT = 'deployment.environment.name=native';

/** Health endpoints per docs/architecture.md; also what isStackRunning() probes. */
export const HEALTH_URLS = {
  tempo: `http://${LOCALHOST}:3200/ready`,
  prometheus: `http://${LOCALHOST}:9090/-/ready`,
  quickwit: `http://${LOCALHOST}:7280/health/readyz`,
  grafana: `http://${LOCALHOST}:3000/api/health`,
  collector: `http://${LOCALHOST}:13133/`,
  worker: `http://${LOCALHOST}:8002/health`,
  'node-api': `http://${LOCALHOST}:8001/health`,
  frontend: `http://${LOCALHOST}:3001/api/health`,
} as const;

function dataDir(component: string): string {
  return path.join(RUN_DATA_DIR, component);
}

function telemetryEnv(serviceName: string, profile: StackProfile): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: serviceName,
    OTEL_EXPORTER_OTLP_ENDPOINT: COLLECTOR_OTLP_HTTP,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_RESOURCE_ATTRIBUTES: DEPLOYMENT_ENVIRONMENT,
    ...(profile.fastExport && {
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_BLRP_SCHEDULE_DELAY: '200',
    }),
  };
}

/** Runs the service's package.json "main" with this very Node, so the version that ran `npm start` is the one in use. */
function nodeServiceCommand(workspaceDir: string): { command: string; args: string[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(workspaceDir, 'package.json'), 'utf8')) as { main?: string };
  return { command: process.execPath, args: [path.join(workspaceDir, manifest.main ?? 'dist/main.js')] };
}

/**
 * Next.js otherwise checks package-lock.json on every start, asks the npm
 * registry for its swc packages and may rewrite the lockfile; and it phones
 * home with usage telemetry.
 */
export const NEXT_QUIET = { NEXT_IGNORE_INCORRECT_LOCKFILE: '1', NEXT_TELEMETRY_DISABLED: '1' } as const;

function nextBin(frontendDir: string): string {
  return require.resolve('next/dist/bin/next', { paths: [frontendDir] });
}

function collectorSpec(binaries: BackendBinaries): ComponentSpec {
  const configs = [repoPath('collector', 'config.yaml')];
  // Without Quickwit the overlay swaps the logs exporter for a file export the tests read.
  if (binaries.quickwit === undefined) configs.push(repoPath('collector', 'config.no-quickwit.yaml'));
  return {
    name: 'collector',
    tier: 'collector',
    command: binaries.otelcol.path,
    args: configs.map((file) => `--config=${file}`),
    cwd: repoPath('collector'),
    env: {
      COLLECTOR_HOST: LOCALHOST,
      FRONTEND_ORIGIN: 'http://localhost:3001',
      TEMPO_OTLP_ENDPOINT: `${LOCALHOST}:4417`,
      QUICKWIT_OTLP_ENDPOINT: `${LOCALHOST}:7281`,
      PROMETHEUS_OTLP_ENDPOINT: `http://${LOCALHOST}:9090/api/v1/otlp`,
      LOGS_EXPORT_PATH: COLLECTOR_LOG_EXPORT,
      // Read by its resource_detection (env) processor; SDK-sent values win.
      OTEL_RESOURCE_ATTRIBUTES: DEPLOYMENT_ENVIRONMENT,
    },
    ports: [
      { port: 4317, purpose: 'OTLP gRPC' },
      { port: 4318, purpose: 'OTLP HTTP' },
      { port: 13133, purpose: 'health' },
      { port: 8888, purpose: 'own metrics' },
    ],
    healthUrl: HEALTH_URLS['collector'],
    url: 'http://localhost:4318',
    directories: [path.dirname(COLLECTOR_LOG_EXPORT)],
  };
}

/** Where the runner's Tempo 2.x copy of tempo/tempo.yaml goes (see tempo-native-config.ts). */
export const NATIVE_TEMPO_CONFIG = path.join(RUN_DIR, 'tempo', 'tempo.yaml');

function tempoSpec(binaries: BackendBinaries): ComponentSpec {
  // A user-given TEMPO_BIN may well be Tempo 3, which rejects the 2.x-only setting: give it the shared file.
  const configFile = binaries.tempo.source === 'env' ? repoPath('tempo', 'tempo.yaml') : NATIVE_TEMPO_CONFIG;
  return {
    name: 'tempo',
    tier: 'backend',
    command: binaries.tempo.path,
    args: [`-config.file=${configFile}`, '-config.expand-env=true', '-target=all'],
    cwd: dataDir('tempo'),
    env: { TEMPO_DATA_DIR: dataDir('tempo'), TEMPO_LISTEN_ADDRESS: LOCALHOST },
    ports: [
      { port: 3200, purpose: 'HTTP API' },
      { port: 4417, purpose: 'OTLP gRPC in' },
      { port: 4418, purpose: 'OTLP HTTP in' },
      { port: 9095, purpose: 'gRPC' },
    ],
    healthUrl: HEALTH_URLS['tempo'],
    url: 'http://localhost:3200',
    directories: [dataDir('tempo')],
  };
}

/**
 * Prometheus feature flags the demo relies on (docker-compose.yml passes the
 * same; the config checks assert it). See prometheus/README.md for each one.
 */
export const PROMETHEUS_FEATURES = ['exemplar-storage', 'otlp-deltatocumulative'] as const;

function prometheusSpec(binaries: BackendBinaries): ComponentSpec {
  return {
    name: 'prometheus',
    tier: 'backend',
    command: binaries.prometheus.path,
    args: [
      `--config.file=${repoPath('prometheus', 'prometheus.yml')}`,
      `--storage.tsdb.path=${dataDir('prometheus')}`,
      `--web.listen-address=${LOCALHOST}:9090`,
      '--web.enable-otlp-receiver',
      `--enable-feature=${PROMETHEUS_FEATURES.join(',')}`,
    ],
    cwd: repoPath('prometheus'),
    env: {},
    ports: [{ port: 9090, purpose: 'HTTP API and OTLP receiver' }],
    healthUrl: HEALTH_URLS['prometheus'],
    url: 'http://localhost:9090',
    directories: [dataDir('prometheus')],
  };
}

function quickwitSpec(binary: string): ComponentSpec {
  return {
    name: 'quickwit',
    tier: 'backend',
    command: binary,
    args: ['run', '--config', repoPath('quickwit', 'quickwit.yaml')],
    cwd: dataDir('quickwit'),
    env: { QW_DATA_DIR: dataDir('quickwit'), QW_LISTEN_ADDRESS: LOCALHOST, QW_ENABLE_OTLP_ENDPOINT: 'true' },
    ports: [
      { port: 7280, purpose: 'REST/UI' },
      { port: 7281, purpose: 'gRPC (OTLP in)' },
    ],
    healthUrl: HEALTH_URLS['quickwit'],
    url: 'http://localhost:7280',
    directories: [dataDir('quickwit')],
  };
}

function grafanaSpec(binary: string, home: string): ComponentSpec {
  return {
    name: 'grafana',
    tier: 'backend',
    command: binary,
    args: ['server', `--homepath=${home}`],
    cwd: home,
    env: {
      GF_PATHS_PROVISIONING: repoPath('grafana', 'provisioning'),
      GF_PATHS_DATA: dataDir('grafana'),
      GF_PATHS_LOGS: path.join(dataDir('grafana'), 'log'),
      GF_SERVER_HTTP_ADDR: LOCALHOST,
      GF_SERVER_HTTP_PORT: '3000',
      TEMPO_URL: `http://${LOCALHOST}:3200`,
      PROMETHEUS_URL: `http://${LOCALHOST}:9090`,
      // The datasource file needs it set even when Quickwit is not running (no default syntax there).
      QUICKWIT_URL: `http://${LOCALHOST}:7280`,
      GRAFANA_DASHBOARDS_DIR: repoPath('grafana', 'dashboards'),
      GF_ANALYTICS_REPORTING_ENABLED: 'false',
      GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
    },
    ports: [{ port: 3000, purpose: 'UI' }],
    healthUrl: HEALTH_URLS['grafana'],
    url: 'http://localhost:3000',
    directories: [dataDir('grafana')],
  };
}

function workerSpec(profile: StackProfile): ComponentSpec {
  const dir = repoPath('services', 'worker');
  return {
    name: 'worker',
    tier: 'app',
    ...nodeServiceCommand(dir),
    cwd: dir,
    env: { ...telemetryEnv('worker', profile), HOST: LOCALHOST, PORT: '8002' },
    ports: [{ port: 8002, purpose: 'HTTP' }],
    healthUrl: HEALTH_URLS['worker'],
    url: 'http://localhost:8002',
    directories: [],
  };
}

function nodeApiSpec(profile: StackProfile): ComponentSpec {
  const dir = repoPath('services', 'node-api');
  return {
    name: 'node-api',
    tier: 'app',
    ...nodeServiceCommand(dir),
    cwd: dir,
    env: {
      ...telemetryEnv('node-api', profile),
      HOST: LOCALHOST,
      PORT: '8001',
      WORKER_URL: `http://${LOCALHOST}:8002`,
      CORS_ORIGINS: 'http://localhost:3001,http://127.0.0.1:3001',
    },
    ports: [{ port: 8001, purpose: 'HTTP' }],
    healthUrl: HEALTH_URLS['node-api'],
    url: 'http://localhost:8001',
    directories: [],
  };
}

function frontendSpec(profile: StackProfile): ComponentSpec {
  const dir = repoPath('frontend');
  return {
    name: 'frontend',
    tier: 'app',
    command: process.execPath,
    args: [nextBin(dir), 'start', '--port', '3001', '--hostname', LOCALHOST],
    cwd: dir,
    env: {
      ...telemetryEnv('frontend', profile),
      ...NEXT_QUIET,
      HOST: LOCALHOST,
      PORT: '3001',
      PUBLIC_NODE_API_URL: 'http://localhost:8001',
      PUBLIC_OTLP_URL: 'http://localhost:4318',
      PUBLIC_TEMPO_URL: 'http://localhost:3200',
      PUBLIC_GRAFANA_URL: 'http://localhost:3000',
      PUBLIC_QUICKWIT_URL: 'http://localhost:7280',
    },
    ports: [{ port: 3001, purpose: 'HTTP' }],
    healthUrl: HEALTH_URLS['frontend'],
    url: 'http://localhost:3001',
    directories: [],
  };
}

/** The whole stack as it will run on this machine, given which binaries exist. */
export function planStack(binaries: BackendBinaries, profile: StackProfile): StackPlan {
  const components: ComponentSpec[] = [tempoSpec(binaries), prometheusSpec(binaries)];
  const skipped: SkippedComponent[] = [];
  if (binaries.quickwit !== undefined) {
    components.push(quickwitSpec(binaries.quickwit.path));
  } else {
    skipped.push({
      name: 'quickwit',
      reason: `not running (set QUICKWIT_BIN to a Quickwit 0.9 binary); logs go to ${path.relative(process.cwd(), COLLECTOR_LOG_EXPORT)}`,
    });
  }
  if (binaries.grafana !== undefined) {
    components.push(grafanaSpec(binaries.grafana.path, binaries.grafana.home));
  } else {
    skipped.push({
      name: 'grafana',
      reason: 'not running (set GRAFANA_BIN and GRAFANA_HOME to a Grafana install); query Tempo and Prometheus directly',
    });
  }
  components.push(collectorSpec(binaries), workerSpec(profile), nodeApiSpec(profile));
  components.push(frontendSpec(profile));
  return { components, skipped };
}
