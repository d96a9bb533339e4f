import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BackendProcess {
  output: string[];
  exitCode(): number | null | undefined;
  /** SIGTERM, then SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Runs a backend binary; its output is kept for failure messages. */
export function startBackendProcess(binary: string, args: string[], cwd: string): BackendProcess {
  const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  child.on('error', (error) => output.push(`spawn error: ${error.message}`));
  createInterface({ input: child.stdout }).on('line', (line) => output.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  return {
    output,
    exitCode: () => exitCode,
    async stop(timeoutMs = 5000) {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls until `check` is true; fails with `describe()` (e.g. the process output) after the deadline. */
export async function waitUntil(check: () => Promise<boolean>, what: string, describe: () => string, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
