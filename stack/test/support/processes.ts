import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..');

/** Runs a tool to completion; a non-zero exit fails the test with everything it printed. */
export function run(binary: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(binary, args, { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...env } });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    assert.fail(`${binary} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** A port nothing listens on, so a throw-away instance never clashes with a running stack. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** SIGTERM (so the process shuts down as in real use), SIGKILL after 10 s. */
export function stop(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Polls `probe` until it returns a value; fails with `context()` (e.g. the process output) at the deadline. */
export async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, context: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) assert.fail(`${what} not within ${timeoutMs} ms ${last}\n${context()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until `url` answers 2xx; fails early when the process serving it exits. */
export function waitForUrl(url: string, timeoutMs: number, child: ChildProcess, output: () => string): Promise<Response> {
  return poll(
    url,
    timeoutMs,
    async () => {
      if (child.exitCode !== null) assert.fail(`process exited with ${child.exitCode} before ${url} answered:\n${output()}`);
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      return response.ok ? response : undefined;
    },
    output,
  );
}

export interface StartedProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
}

/**
 * Starts a backend for a check and waits until `readyUrl` answers 2xx; the
 * caller stops it with stop(). Output is kept for failure messages.
 */
export async function startAndWait(
  binary: string,
  args: readonly string[],
  options: { readyUrl: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): Promise<StartedProcess> {
  let output = '';
  const child = spawn(binary, [...args], { cwd: options.cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForUrl(options.readyUrl, options.timeoutMs ?? 30_000, child, () => output);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { child, output: () => output };
}
