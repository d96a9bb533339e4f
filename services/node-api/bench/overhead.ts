/**
 * Telemetry overhead of node-api (with the worker behind it): the same load with
 * the SDK off (OTEL_SDK_DISABLED=true) and on (exporting to a local sink), in one
 * run, on /data and on the trivial /health. Prints requests/s, p50/p99 latency and
 * the on/off throughput ratio.
 *
 *   npm run bench:overhead            # 10 s per case
 *   BENCH_DURATION_S=5 npm run bench:overhead
 */
import { startServiceProcess, type ServiceProcess } from '@o11y-demo/telemetry/testing/service-process';
import autocannon from 'autocannon';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startOtlpSink } from './otlp-sink';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Math.min(3, DURATION_S);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUTES = ['/health', '/data'] as const;
const NODE_API = join(__dirname, '..', 'dist', 'main.js');
const WORKER = join(__dirname, '..', '..', 'worker', 'dist', 'main.js');

type Mode = 'off' | 'on';
interface Measurement {
  route: string;
  mode: Mode;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

async function startPair(env: Record<string, string>): Promise<{ api: ServiceProcess; worker: ServiceProcess }> {
  const common = { ...env, PORT: '0', HOST: '127.0.0.1', DEFAULT_DELAY_MS: '0', DEFAULT_FAIL_RATE: '0' };
  const worker = await startServiceProcess({ entry: WORKER, env: common });
  const api = await startServiceProcess({ entry: NODE_API, env: { ...common, WORKER_URL: worker.url } });
  return { api, worker };
}

async function measure(url: string, route: string, mode: Mode): Promise<Measurement> {
  const result = await autocannon({
    url: `${url}${route}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    warmup: { connections: CONNECTIONS, duration: WARMUP_S },
  });
  return {
    route,
    mode,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

async function main(): Promise<void> {
  if (!Number.isFinite(DURATION_S) || DURATION_S < 1 || DURATION_S > 60) {
    throw new Error('BENCH_DURATION_S must be a number of seconds from 1 to 60');
  }
  const sink = await startOtlpSink();
  const modes: Array<[Mode, Record<string, string>]> = [
    ['off', { OTEL_SDK_DISABLED: 'true' }],
    ['on', { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }],
  ];
  // Both pairs run for the whole benchmark and each route is measured off, then on,
  // back to back: on a shared machine the two figures of a pair see the same load.
  const pairs = new Map<Mode, Awaited<ReturnType<typeof startPair>>>();
  const results: Measurement[] = [];
  try {
    for (const [mode, env] of modes) pairs.set(mode, await startPair(env));
    for (const route of ROUTES) {
      for (const [mode] of modes) {
        process.stdout.write(`measuring ${route} with telemetry ${mode} (${WARMUP_S} s warm-up + ${DURATION_S} s)...\n`);
        results.push(await measure(pairs.get(mode)!.api.url, route, mode));
      }
    }
  } finally {
    await Promise.all([...pairs.values()].flatMap(({ api, worker }) => [api.stop(), worker.stop()]));
  }
  await sink.close();

  const rows = results.map((r) => ({
    route: r.route,
    telemetry: r.mode,
    'req/s': Math.round(r.requestsPerSecond),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    failed: r.failed,
  }));
  console.table(rows);
  for (const route of ROUTES) {
    const off = results.find((r) => r.route === route && r.mode === 'off');
    const on = results.find((r) => r.route === route && r.mode === 'on');
    if (off && on) console.log(`${route}: on/off throughput ratio ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(2)}`);
  }
  const exported = [...sink.exports].map(([path, count]) => `${path} ${count}`).join(', ');
  console.log(`exports received by the sink while on: ${exported || 'none'}`);
  console.log(`${CONNECTIONS} connections, ${DURATION_S} s per case, node ${process.version}, ${cpus().length} CPUs`);
  if (results.some((r) => r.failed > 0)) {
    console.error('some requests failed; the figures above are not comparable');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
