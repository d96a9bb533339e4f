import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendBinaries } from '../build/backend-binaries';
import { RUN_DATA_DIR, repoPath } from '../paths';
import type { ComponentSpec, SkippedComponent } from './component-spec';
import { httpUrl, LOCAL_URLS, LOOPBACK, PORTS, QUICKWIT_LOGS_INDEX } from '@o11y-demo/topology';

export interface StackProfile {
  /**
   * Export intervals of the Node services. The SDK defaults (5 s spans, 1 s
   * logs, 60 s metrics) would leave a click's trace incomplete for seconds and
   * the dashboards a minute behind: 'interactive' exports spans and logs
   * every 500 ms and metrics every 5 s; 'test' every 200 ms and 1 s.
   */
  readonly exportProfile: 'interactive' | 'test';
}

export interface StackPlan {
  readonly components: readonly ComponentSpec[];
  readonly skipped: readonly SkippedComponent[];
}

const LOCALHOST = LOOPBACK;
const COLLECTOR_OTLP_HTTP = `http://${LOCALHOST}:${PORTS.collectorOtlpHttp}`;
const DEPLOYMENT_ENVIRONMENT = 'deployment.environment.name=native';

/** Health endpoints per docs/architecture.md; also what isStackRunning() probes. */
export const HEALTH_URLS = {
  jaeger: `http://${LOCALHOST}:${PORTS.jaegerHealth}/status`,
  tempo: `http://${LOCALHOST}:${PORTS.tempo}/ready`,
  'victoria-logs': `http://${LOCALHOST}:${PORTS.victoriaLogs}/health`,
  prometheus: `http://${LOCALHOST}:${PORTS.prometheus}/-/ready`,
  // A search, not /health/readyz, which answers before Quickwit can ingest (quickwit/README.md).
  quickwit: `http://${LOCALHOST}:${PORTS.quickwit}/api/v1/${QUICKWIT_LOGS_INDEX}/search?query=*&max_hits=0`,
  grafana: `http://${LOCALHOST}:${PORTS.grafana}/api/health`,
  collector: `http://${LOCALHOST}:${PORTS.collectorHealth}/`,
  worker: `http://${LOCALHOST}:${PORTS.worker}/health`,
  'node-api': `http://${LOCALHOST}:${PORTS.nodeApi}/health`,
  frontend: `http://${LOCALHOST}:${PORTS.frontend}/api/health`,
} as const;

function dataDir(component: string): string {
  return path.join(RUN_DATA_DIR, component);
}

const EXPORT_INTERVALS: Record<StackProfile['exportProfile'], Record<string, string>> = {
  interactive: { OTEL_METRIC_EXPORT_INTERVAL: '5000', OTEL_BSP_SCHEDULE_DELAY: '500', OTEL_BLRP_SCHEDULE_DELAY: '500' },
  test: { OTEL_METRIC_EXPORT_INTERVAL: '1000', OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_BLRP_SCHEDULE_DELAY: '200' },
};

function telemetryEnv(serviceName: string, profile: StackProfile): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: serviceName,
    OTEL_EXPORTER_OTLP_ENDPOINT: COLLECTOR_OTLP_HTTP,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_RESOURCE_ATTRIBUTES: DEPLOYMENT_ENVIRONMENT,
    ...EXPORT_INTERVALS[profile.exportProfile],
  };
}

/**
 * Memory bounds for a laptop. V8 keeps a Node heap at the high-water mark of
 * the last burst of requests: 2 MiB semi-spaces (instead of up to 16) and a
 * capped old space make it collect instead. The caps sit well above what
 * each holds live (the page's server about 80 MiB, node-api and the worker
 * about 30).
 *
 * Outside V8's heap, glibc's malloc keeps what was freed: each time a large
 * block is freed it raises its mmap threshold (up to 32 MiB) and its trim
 * threshold (twice that), after which an arena seldom gives memory back.
 * Holding both at glibc's own starting value (128 KiB) makes freed memory go
 * back to the system (the page's server: about 35 MiB less when idle). Other
 * C libraries ignore the variable. stack/README.md ("Memory") has the figures.
 */
function nodeMemoryEnv(oldSpaceMiB: number): Record<string, string> {
  const options = [process.env['NODE_OPTIONS'], '--max-semi-space-size=2', `--max-old-space-size=${oldSpaceMiB}`];
  const present = (option: string | undefined): option is string => option !== undefined && option !== '';
  return { NODE_OPTIONS: options.filter(present).join(' '), GLIBC_TUNABLES: withMallocTunables(process.env['GLIBC_TUNABLES']) };
}

/**
 * glibc's malloc thresholds held at its starting values (see nodeMemoryEnv).
 * `npm start` sets the same on the supervisor itself (package.json: glibc
 * reads the variable when a process starts, so only its launcher can);
 * stack/test/runner-plan.test.ts checks the two agree.
 */
export const MALLOC_TUNABLES = 'glibc.malloc.trim_threshold=131072:glibc.malloc.mmap_threshold=131072';

/** The user's own tunables, then ours, once (the supervisor under `npm start` already has them). */
function withMallocTunables(inherited: string | undefined): string {
  if (inherited === undefined || inherited === '') return MALLOC_TUNABLES;
  return inherited.endsWith(MALLOC_TUNABLES) ? inherited : `${inherited}:${MALLOC_TUNABLES}`;
}

/**
 * Go's soft memory limit: near it the garbage collector runs more often;
 * nothing is refused or dropped, so no trace, log line or sample the demo or
 * the drill counts on is lost. Each is set above the backend's live heap.
 */
function goMemoryLimit(mib: number): Record<string, string> {
  return { GOMEMLIMIT: `${mib}MiB` };
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

/** Where the trace and log stores of this plan listen, for the collector and the frontend. */
export interface StoreEndpoints {
  readonly traceStore: { readonly kind: 'jaeger' | 'tempo'; readonly queryUrl: string };
  readonly logStore: { readonly kind: 'victorialogs' | 'quickwit'; readonly queryUrl: string; readonly otlpHttpEndpoint: string };
}

export function storeEndpoints(binaries: BackendBinaries): StoreEndpoints {
  return {
    traceStore:
      binaries.tempo !== undefined
        ? { kind: 'tempo', queryUrl: `http://${LOCALHOST}:${PORTS.tempo}` }
        : { kind: 'jaeger', queryUrl: `http://${LOCALHOST}:${PORTS.jaegerQuery}` },
    logStore:
      binaries.quickwit !== undefined
        ? { kind: 'quickwit', queryUrl: `http://${LOCALHOST}:${PORTS.quickwit}`, otlpHttpEndpoint: `http://${LOCALHOST}:${PORTS.quickwit}/api/v1/otlp` }
        : { kind: 'victorialogs', queryUrl: `http://${LOCALHOST}:${PORTS.victoriaLogs}`, otlpHttpEndpoint: `http://${LOCALHOST}:${PORTS.victoriaLogs}/insert/opentelemetry` },
  };
}

function collectorSpec(binaries: BackendBinaries, stores: StoreEndpoints): ComponentSpec {
  return {
    name: 'collector',
    tier: 'collector',
    command: binaries.otelcol.path,
    args: [`--config=${repoPath('collector', 'config.yaml')}`],
    cwd: repoPath('collector'),
    env: {
      COLLECTOR_HOST: LOCALHOST,
      FRONTEND_ORIGIN: LOCAL_URLS.frontend,
      // Jaeger and Tempo both take OTLP gRPC on 4417.
      TRACE_STORE_OTLP_ENDPOINT: `${LOCALHOST}:${PORTS.traceStoreOtlpGrpc}`,
      LOG_STORE_OTLP_ENDPOINT: stores.logStore.otlpHttpEndpoint,
      PROMETHEUS_OTLP_ENDPOINT: `http://${LOCALHOST}:${PORTS.prometheus}/api/v1/otlp`,
      COLLECTOR_QUEUE_DIR: dataDir('collector'),
      ...goMemoryLimit(96),
    },
    ports: [
      { port: PORTS.collectorOtlpGrpc, purpose: 'OTLP gRPC' },
      { port: PORTS.collectorOtlpHttp, purpose: 'OTLP HTTP' },
      { port: PORTS.collectorHealth, purpose: 'health' },
      { port: PORTS.collectorMetrics, purpose: 'own metrics' },
    ],
    healthUrl: HEALTH_URLS['collector'],
    url: LOCAL_URLS.collectorOtlpHttp,
    directories: [dataDir('collector')],
  };
}

function jaegerSpec(binary: string): ComponentSpec {
  return {
    name: 'jaeger',
    tier: 'backend',
    command: binary,
    args: JAEGER_ARGS,
    cwd: repoPath('jaeger'),
    // GOGC=50: collect garbage twice as often; a demo's trace store is idle
    // most of the time, and half the heap headroom keeps the stack's memory low.
    // GOMEMLIMIT: 5 000 traces (jaeger/config.yaml) fit well below it.
    env: { JAEGER_HOST: LOCALHOST, GOGC: '50', ...goMemoryLimit(160) },
    ports: [
      { port: PORTS.jaegerQuery, purpose: 'query API' },
      { port: PORTS.jaegerGrpcQuery, purpose: 'gRPC query' },
      { port: PORTS.traceStoreOtlpGrpc, purpose: 'OTLP gRPC in' },
      { port: PORTS.traceStoreOtlpHttp, purpose: 'OTLP HTTP in' },
      { port: PORTS.jaegerHealth, purpose: 'health' },
    ],
    healthUrl: HEALTH_URLS['jaeger'],
    url: `${LOCAL_URLS.jaeger}/api/v3/traces/<trace id>`,
    directories: [],
  };
}

function tempoSpec(binary: string): ComponentSpec {
  return {
    name: 'tempo',
    tier: 'backend',
    command: binary,
    args: [`-config.file=${repoPath('tempo', 'tempo.yaml')}`, '-config.expand-env=true', '-target=all'],
    cwd: dataDir('tempo'),
    env: { TEMPO_DATA_DIR: dataDir('tempo'), TEMPO_LISTEN_ADDRESS: LOCALHOST },
    ports: [
      { port: PORTS.tempo, purpose: 'HTTP API' },
      { port: PORTS.traceStoreOtlpGrpc, purpose: 'OTLP gRPC in' },
      { port: PORTS.traceStoreOtlpHttp, purpose: 'OTLP HTTP in' },
      { port: PORTS.tempoGrpc, purpose: 'gRPC' },
    ],
    healthUrl: HEALTH_URLS['tempo'],
    url: `${LOCAL_URLS.tempo}/api/v2/traces/<trace id>`,
    directories: [dataDir('tempo')],
  };
}

/** VictoriaLogs is configured by flags; the config checks start it with these same flags. */
export function victoriaLogsArgs(listenAddress: string, storageDir: string): string[] {
  return [
    `-httpListenAddr=${listenAddress}`,
    `-storageDataPath=${storageDir}`,
    // A week of a demo's logs is a few hundred MB at most.
    '-retentionPeriod=7d',
    // Records it acknowledged but holds in memory are lost on a crash (SIGKILL,
    // OOM); the default keeps up to 5 s of them, the minimum 1 s. A demo's write
    // rate makes the extra disk writes negligible.
    '-inmemoryDataFlushInterval=1s',
    // The default logs every flag and every new stream at INFO.
    '-loggerLevel=WARN',
    // Caches are sized from this (default: 60 % of the machine's memory); a demo's
    // queries need a fraction of it.
    '-memory.allowedBytes=128MiB',
  ];
}

/** Jaeger is configured by jaeger/config.yaml; the config checks start it the same way. */
export const JAEGER_ARGS: readonly string[] = ['--config', repoPath('jaeger', 'config.yaml')];

function victoriaLogsSpec(binary: string): ComponentSpec {
  return {
    name: 'victoria-logs',
    tier: 'backend',
    command: binary,
    args: victoriaLogsArgs(`${LOCALHOST}:${PORTS.victoriaLogs}`, dataDir('victoria-logs')),
    cwd: dataDir('victoria-logs'),
    env: goMemoryLimit(64),
    ports: [{ port: PORTS.victoriaLogs, purpose: 'HTTP (OTLP in, LogsQL, UI)' }],
    healthUrl: HEALTH_URLS['victoria-logs'],
    url: `${LOCAL_URLS.victoriaLogs}/select/vmui/`,
    directories: [dataDir('victoria-logs')],
  };
}

/**
 * Prometheus feature flags the demo relies on (docker-compose.yml passes the
 * same; the config checks assert it). See prometheus/README.md for each one.
 */
export const PROMETHEUS_FEATURES = ['exemplar-storage', 'otlp-deltatocumulative', 'created-timestamp-zero-ingestion'] as const;

/**
 * Prometheus's query page with the requests-per-route expression filled in,
 * built by the query package like every Prometheus link. Loaded when the plan
 * is made, not when this file is: the stack builds that package's dist just
 * before it plans, and a fresh clone has none when the runner starts.
 */
function prometheusStartUrl(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const query = require('@o11y-demo/telemetry-query') as typeof import('@o11y-demo/telemetry-query');
  return query.prometheusQueryPageUrl(LOCAL_URLS.prometheus, query.REQUESTS_PER_ROUTE_PROMQL);
}

function prometheusSpec(binaries: BackendBinaries): ComponentSpec {
  return {
    name: 'prometheus',
    tier: 'backend',
    command: binaries.prometheus.path,
    args: [
      `--config.file=${repoPath('prometheus', 'prometheus.yml')}`,
      `--storage.tsdb.path=${dataDir('prometheus')}`,
      `--web.listen-address=${LOCALHOST}:${PORTS.prometheus}`,
      '--web.enable-otlp-receiver',
      `--enable-feature=${PROMETHEUS_FEATURES.join(',')}`,
    ],
    // Prometheus built from its module reads its web UI from static/ under its
    // working directory (stack/src/build/prometheus-ui-build.ts). Paths in
    // prometheus.yml are relative to the config file, not to this directory.
    cwd: binaries.prometheusUi?.path ?? repoPath('prometheus'),
    // Set here, Prometheus leaves GOMEMLIMIT alone instead of deriving it from the machine's memory.
    env: goMemoryLimit(128),
    ports: [{ port: PORTS.prometheus, purpose: 'web UI, HTTP API and OTLP receiver' }],
    healthUrl: HEALTH_URLS['prometheus'],
    url: prometheusStartUrl(),
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
      { port: PORTS.quickwit, purpose: 'REST/UI' },
      { port: PORTS.quickwitGrpc, purpose: 'gRPC (OTLP in)' },
    ],
    healthUrl: HEALTH_URLS['quickwit'],
    url: LOCAL_URLS.quickwit,
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
      GF_SERVER_HTTP_PORT: String(PORTS.grafana),
      TEMPO_URL: `http://${LOCALHOST}:${PORTS.tempo}`,
      PROMETHEUS_URL: `http://${LOCALHOST}:${PORTS.prometheus}`,
      // The datasource file needs it set even when Quickwit is not running (no default syntax there).
      QUICKWIT_URL: `http://${LOCALHOST}:${PORTS.quickwit}`,
      GRAFANA_DASHBOARDS_DIR: repoPath('grafana', 'dashboards'),
      GF_ANALYTICS_REPORTING_ENABLED: 'false',
      GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
    },
    ports: [{ port: PORTS.grafana, purpose: 'UI' }],
    healthUrl: HEALTH_URLS['grafana'],
    url: LOCAL_URLS.grafana,
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
    env: { ...telemetryEnv('worker', profile), ...nodeMemoryEnv(128), HOST: LOCALHOST, PORT: String(PORTS.worker) },
    ports: [{ port: PORTS.worker, purpose: 'HTTP' }],
    healthUrl: HEALTH_URLS['worker'],
    url: LOCAL_URLS.worker,
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
      ...nodeMemoryEnv(128),
      HOST: LOCALHOST,
      PORT: String(PORTS.nodeApi),
      WORKER_URL: `http://${LOCALHOST}:${PORTS.worker}`,
      CORS_ORIGINS: `${httpUrl(PORTS.frontend)},${httpUrl(PORTS.frontend, LOOPBACK)}`,
    },
    ports: [{ port: PORTS.nodeApi, purpose: 'HTTP' }],
    healthUrl: HEALTH_URLS['node-api'],
    url: LOCAL_URLS.nodeApi,
    directories: [],
  };
}

function frontendSpec(profile: StackProfile, stores: StoreEndpoints, grafanaRuns: boolean): ComponentSpec {
  const dir = repoPath('frontend');
  return {
    name: 'frontend',
    tier: 'app',
    command: process.execPath,
    // The page's own server (src/server/serve.ts): Next.js behind the shared HTTP edge.
    args: [path.join(dir, 'dist', 'serve.js')],
    cwd: dir,
    env: {
      ...telemetryEnv('frontend', profile),
      ...nodeMemoryEnv(160),
      ...NEXT_QUIET,
      HOST: LOCALHOST,
      PORT: String(PORTS.frontend),
      PUBLIC_NODE_API_URL: LOCAL_URLS.nodeApi,
      PUBLIC_OTLP_URL: LOCAL_URLS.collectorOtlpHttp,
      // The server side reads the stores back for the page's telemetry panel.
      TRACE_STORE: stores.traceStore.kind,
      TRACE_STORE_URL: stores.traceStore.queryUrl,
      LOG_STORE: stores.logStore.kind,
      LOG_STORE_URL: stores.logStore.queryUrl,
      PROMETHEUS_URL: `http://${LOCALHOST}:${PORTS.prometheus}`,
      PUBLIC_TRACE_STORE_URL: stores.traceStore.queryUrl.replace(LOCALHOST, 'localhost'),
      PUBLIC_LOG_STORE_URL: stores.logStore.queryUrl.replace(LOCALHOST, 'localhost'),
      PUBLIC_PROMETHEUS_URL: LOCAL_URLS.prometheus,
      ...(grafanaRuns && { GRAFANA_URL: `http://${LOCALHOST}:${PORTS.grafana}`, PUBLIC_GRAFANA_URL: LOCAL_URLS.grafana }),
    },
    ports: [{ port: PORTS.frontend, purpose: 'HTTP' }],
    healthUrl: HEALTH_URLS['frontend'],
    url: LOCAL_URLS.frontend,
    directories: [],
  };
}

/** The whole stack as it will run on this machine, given which binaries exist. */
export function planStack(binaries: BackendBinaries, profile: StackProfile): StackPlan {
  const stores = storeEndpoints(binaries);
  const components: ComponentSpec[] = [];
  if (binaries.tempo !== undefined) components.push(tempoSpec(binaries.tempo.path));
  else if (binaries.jaeger !== undefined) components.push(jaegerSpec(binaries.jaeger.path));
  else throw new Error('internal: no trace store binary (Jaeger or TEMPO_BIN) was resolved');
  if (binaries.quickwit !== undefined) components.push(quickwitSpec(binaries.quickwit.path));
  else if (binaries.victoriaLogs !== undefined) components.push(victoriaLogsSpec(binaries.victoriaLogs.path));
  else throw new Error('internal: no log store binary (VictoriaLogs or QUICKWIT_BIN) was resolved');
  components.push(prometheusSpec(binaries));
  const skipped: SkippedComponent[] = [];
  if (binaries.grafana !== undefined) {
    components.push(grafanaSpec(binaries.grafana.path, binaries.grafana.home));
  } else {
    skipped.push({
      name: 'grafana',
      reason: 'not running (set GRAFANA_BIN and GRAFANA_HOME to a Grafana install); the page shows each click\'s trace, logs and metrics itself',
    });
  }
  components.push(collectorSpec(binaries, stores), workerSpec(profile), nodeApiSpec(profile));
  components.push(frontendSpec(profile, stores, binaries.grafana !== undefined));
  return { components, skipped };
}
