import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { REGISTRY_DIR, repoRoot } from '../registry';

export interface WeaverLiveCheck {
  /** Where the collector's otlp_grpc exporter sends: Weaver's OTLP/gRPC port. */
  readonly otlpGrpcPort: number;
  readonly output: () => string;
  /** Ends the check (the admin endpoint's /stop) and returns the report Weaver wrote. */
  finish(): Promise<LiveCheckReport>;
  /** Kills Weaver when the check ended some other way. */
  kill(): void;
}

/** The part of Weaver's JSON report (live_check.json) the check reads. */
export interface LiveCheckReport {
  samples: Sample[];
  statistics: {
    total_entities: number;
    total_advisories: number;
    advice_level_counts: Record<string, number>;
    advice_type_counts: Record<string, number>;
    registry_coverage: number;
    [key: string]: unknown;
  };
}

/** One sample (a resource, span, log record, metric, attribute ...); its findings are in `live_check_result`. */
type Sample = Record<string, unknown>;

function portListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts `weaver registry live-check` against the demo's registry, resolved
 * with its dependency (the OpenTelemetry conventions, all of them included, not
 * only those the demo's registry refers to), and waits until its gRPC port
 * listens: resolving the registry takes several seconds.
 */
export async function startWeaverLiveCheck(
  weaver: string,
  { otlpGrpcPort, adminPort, outputDir, timeoutMs = 60_000 }: { otlpGrpcPort: number; adminPort: number; outputDir: string; timeoutMs?: number },
): Promise<WeaverLiveCheck> {
  const args = [
    'registry', 'live-check',
    '--registry', REGISTRY_DIR,
    '--include-unreferenced',
    '--otlp-grpc-address', '127.0.0.1',
    '--otlp-grpc-port', String(otlpGrpcPort),
    '--admin-port', String(adminPort),
    // The test ends the check itself; this only bounds a check left behind.
    '--inactivity-timeout', '600',
    '--format', 'json',
    '--no-stream',
    '--output', outputDir,
  ];
  let output = '';
  const child: ChildProcess = spawn(weaver, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + timeoutMs;
  while (!(await portListens(otlpGrpcPort))) {
    if (child.exitCode !== null) throw new Error(`weaver exited with ${child.exitCode} before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`weaver did not listen on ${otlpGrpcPort} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    otlpGrpcPort,
    output: () => output,
    kill: () => child.kill('SIGKILL'),
    async finish() {
      const stopped = await fetch(`http://127.0.0.1:${adminPort}/stop`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (!stopped.ok) throw new Error(`weaver's /stop answered ${stopped.status}`);
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
      const path = join(outputDir, 'live_check.json');
      if (!existsSync(path)) throw new Error(`weaver wrote no ${path}:\n${output}`);
      const keep = process.env['LIVE_CHECK_REPORT']?.trim();
      if (keep) copyFileSync(path, keep);
      return JSON.parse(readFileSync(path, 'utf8')) as LiveCheckReport;
    },
  };
}
