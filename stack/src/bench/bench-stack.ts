import { buildStaleApps } from '../build/app-build';
import { resolveBackendBinaries } from '../build/backend-binaries';
import { parseStackEnv } from '../env';
import { startStack, type RunningStack } from '../stack';
import { sampleStackMemory, type MemorySample } from './process-memory';
import { runSteadyLoad } from './steady-load';
import { createTraceStore } from '@o11y-demo/telemetry-query';
import { storeEndpoints } from '../run/stack-plan';
import { sendTracedRequest } from '@o11y-demo/telemetry-query';
import { waitForTraceInStore } from './trace-probe';
import { httpUrl, LOOPBACK, PORTS } from '@o11y-demo/topology';

const GOAL_START_S = 15;
const GOAL_MEMORY_BYTES = 1.2 * 1024 ** 3;
const LOAD_DURATION_MS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 60) * 1000;
const LOAD_CONCURRENCY = 4;

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

function describeMemory(label: string, sample: MemorySample): string {
  const parts = [...sample.byComponent].map(([name, bytes]) => `${name} ${mib(bytes)}`).join(', ');
  return `${label}: ${mib(sample.totalBytes)} (${parts})`;
}

function verdict(ok: boolean): string {
  return ok ? 'within goal' : 'OVER GOAL';
}

/**
 * `npm run bench:stack`: cold start with cached binaries until the first
 * trace is queryable in the trace store, then resident memory idle and after a minute
 * of steady load. Builds happen before the clock starts: the figure is about
 * starting, not compiling.
 */
async function main(): Promise<void> {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const profile = process.argv.includes('--test-profile') ? 'test' : 'interactive';
  const binaries = await resolveBackendBinaries(parseStackEnv(), (m) => log(`[build] ${m}`));
  await buildStaleApps((m) => log(`[build] ${m}`));

  log(`starting the stack (${profile} profile, binaries cached)...`);
  const clockStart = Date.now();
  let stack: RunningStack | undefined;
  const stopOnSignal = (): void => void stack?.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    stack = await startStack({ profile, echoChildOutput: false, skipAppBuild: true, onProgress: (m) => log(`[stack] ${m}`) });
    const healthyS = (Date.now() - clockStart) / 1000;
    const sent = await sendTracedRequest(`${httpUrl(PORTS.nodeApi, LOOPBACK)}/data`);
    if (sent.status !== 200) throw new Error(`node-api /data answered ${sent.status}; see .run/logs/node-api.log`);
    const { kind, queryUrl } = storeEndpoints(binaries).traceStore;
    const traceStore = createTraceStore(kind, queryUrl);
    const foundAt = await waitForTraceInStore(traceStore, sent.traceId, 60_000);
    const firstTraceS = (foundAt - clockStart) / 1000;

    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const idle = sampleStackMemory(stack.components);

    log(`steady load: ${LOAD_CONCURRENCY} concurrent loops on node-api /data for ${LOAD_DURATION_MS / 1000} s...`);
    let peak = idle;
    const components = stack.components;
    const load = await runSteadyLoad(`${httpUrl(PORTS.nodeApi, LOOPBACK)}/data`, LOAD_DURATION_MS, LOAD_CONCURRENCY, () => {
      const sample = sampleStackMemory(components);
      if (sample.totalBytes > peak.totalBytes) peak = sample;
    });
    const afterLoad = sampleStackMemory(stack.components);
    if (afterLoad.totalBytes > peak.totalBytes) peak = afterLoad;

    log('');
    log(`all components healthy after:         ${healthyS.toFixed(1)} s`);
    log(`first trace queryable in ${traceStore.displayName} after: ${firstTraceS.toFixed(1)} s  (goal <= ${GOAL_START_S} s: ${verdict(firstTraceS <= GOAL_START_S)}; trace ${sent.traceId})`);
    log(describeMemory('memory idle (RSS)', idle));
    log(describeMemory('memory after load (RSS)', afterLoad));
    log(`memory peak during load (RSS): ${mib(peak.totalBytes)}  (goal <= ${mib(GOAL_MEMORY_BYTES)}: ${verdict(peak.totalBytes <= GOAL_MEMORY_BYTES)})`);
    log(`load: ${load.requests} requests in ${(load.durationMs / 1000).toFixed(0)} s (${(load.requests / (load.durationMs / 1000)).toFixed(0)}/s), ${load.failures} failed`);
    if (stack.skipped.length > 0) log(`not running: ${stack.skipped.map((s) => s.name).join(', ')}`);
  } finally {
    await stack?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
