import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { waitFor } from './wait-for';

export interface ServiceProcess {
  /** Where the service listens, from its own "listening" log line. */
  url: string;
  /** Every stdout line so far (the services write one JSON object per line). */
  stdout: string[];
  stderr: string[];
  /** Exit code once the process has exited, else undefined. */
  exitCode(): number | null | undefined;
  /** SIGTERM, then the exit code; SIGKILL if it has not exited within the deadline. */
  stop(timeoutMs?: number): Promise<number | null>;
}

export interface StartServiceOptions {
  /** The compiled entry point, e.g. services/worker/dist/main.js. */
  entry: string;
  env: Record<string, string>;
  timeoutMs?: number;
}

/** Parses a JSON log line; undefined for anything else. */
export function jsonLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a service as its own process (each needs its own SDK and resource) on the port in `env.PORT`. */
export async function startServiceProcess({ entry, env, timeoutMs = 20_000 }: StartServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve((exitCode = code))));
  createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));

  const url = await waitFor(
    () => {
      if (exitCode !== undefined) throw new Error(`${entry} exited with ${exitCode}:\n${stderr.join('\n')}`);
      for (const line of stdout) {
        const record = jsonLine(line);
        const said = record?.msg ?? record?.message;
        const address = record?.['server.address'];
        if (said === 'listening' && typeof address === 'string') {
          return `http://${address.includes(':') ? `[${address}]` : address}:${String(record?.['server.port'])}`;
        }
      }
      return undefined;
    },
    { timeoutMs, what: `${entry} to log "listening"` },
  );

  return {
    url,
    stdout,
    stderr,
    exitCode: () => exitCode,
    async stop(deadlineMs = 10_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
