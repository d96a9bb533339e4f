import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { detectBackends } from '@o11y-demo/telemetry-query';
import { backendConfig, isReachable, targets } from './src/targets';

const root = join(__dirname, '..');
const STARTUP_DEADLINE_MS = Number(process.env.E2E_STACK_START_TIMEOUT_MS ?? 180_000);

/** The parts every test needs: the page, the collector, Prometheus, and a trace store and a log store of either kind. */
async function allReachable(): Promise<boolean> {
  const stores = detectBackends(backendConfig).then(
    async ({ traceStore, logStore, metricStore }) =>
      (await Promise.all([traceStore.isReady(), logStore.isReady(), metricStore.isReady()])).every(Boolean),
    () => false,
  );
  const apps = Promise.all([`${targets.frontend}/api/health`, targets.collectorHealth].map(isReachable));
  return (await stores) && (await apps).every(Boolean);
}

async function waitForStack(stack: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (stack.exitCode !== null) throw new Error(`the native stack exited with code ${stack.exitCode} before it was ready:\n${output()}`);
    if (await allReachable()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the native stack was not ready within ${STARTUP_DEADLINE_MS / 1000} s:\n${output()}`);
}

function stopStack(stack: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (stack.exitCode !== null) return resolve();
    stack.once('exit', () => resolve());
    stack.kill('SIGTERM');
  });
}

/**
 * Uses a running demo when every required part answers (the native stack from
 * `npm start`, or `docker compose`); otherwise starts the native stack with the test
 * profile (short export intervals) and returns the teardown that stops it.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (await allReachable()) {
    console.log(`e2e: using the demo already running at ${targets.frontend}`);
    return undefined;
  }
  console.log('e2e: starting the native stack (npm start) with the test profile');
  const stack = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['stack/src/cli.ts', 'start', '--profile', 'test'], {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  stack.stdout?.on('data', keep);
  stack.stderr?.on('data', keep);
  try {
    await waitForStack(stack, () => output);
  } catch (error) {
    await stopStack(stack);
    throw error;
  }
  console.log(output.split('\n').filter((line) => !/^\[/.test(line)).join('\n'));
  return () => stopStack(stack);
}
