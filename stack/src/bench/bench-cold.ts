import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { previousTimesFile } from '../build/build-times';
import { REPO_ROOT } from '../paths';
import { formatTextTable } from '../text-table';

/** The goal of a first start on an idle 2-core machine with empty caches. */
const GOAL_SECONDS = 8 * 60;
const ALL_UP = /^All up in /m;
const FIRST_START_TIMEOUT_MS = 40 * 60_000;

/** Variables that would let the run borrow a binary or a cache from this machine. */
const BORROWED = /^(OTELCOL_BIN|PROMETHEUS_BIN|PROMTOOL_BIN|JAEGER_BIN|VICTORIALOGS_BIN|TEMPO_BIN|QUICKWIT_BIN|GRAFANA_BIN|GRAFANA_HOME|OTELCOL_MANIFEST|GOFLAGS)$/;

function throwAwayEnv(scratch: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !BORROWED.test(name)));
  return {
    ...env,
    GOMODCACHE: path.join(scratch, 'go-mod'),
    GOCACHE: path.join(scratch, 'go-build'),
    O11Y_DEMO_CACHE: path.join(scratch, 'o11y-demo'),
    npm_config_cache: path.join(scratch, 'npm-cache'),
    // pnpm (the Prometheus UI build) keeps its store and metadata cache under these.
    XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
    XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
  };
}

function clock(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Runs `npm start`'s entry point in the clone until it prints "All up", then stops it; resolves with the seconds to "All up", or undefined when it ended before. */
function firstStart(cloneDir: string, env: NodeJS.ProcessEnv, logFile: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const log = fs.createWriteStream(logFile);
    const child = spawn(process.execPath, ['stack/bootstrap.mjs', 'start'], { cwd: cloneDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let allUpAfter: number | undefined;
    let stdout = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), FIRST_START_TIMEOUT_MS);
    const stopOnSignal = (): void => void child.kill('SIGTERM');
    process.once('SIGINT', stopOnSignal);
    child.stderr.on('data', (chunk: Buffer) => {
      log.write(chunk);
      // The runner's own lines (one per build step, with the time since start and what is left); children's output stays in the log.
      for (const line of chunk.toString().split('\n')) if (/^\[(build|stack)\] /.test(line)) process.stdout.write(`${line}\n`);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      stdout += chunk.toString();
      if (allUpAfter === undefined && ALL_UP.test(stdout)) {
        allUpAfter = (Date.now() - started) / 1000;
        process.stdout.write(`All up after ${allUpAfter.toFixed(0)} s; stopping the stack\n`);
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      process.removeListener('SIGINT', stopOnSignal);
      log.end();
      if (allUpAfter === undefined) process.stdout.write(`the first start ended (exit ${code ?? 'signal'}) before "All up"; its output: ${logFile}\n`);
      resolve(allUpAfter);
    });
  });
}

/** Go's module cache is read-only on purpose; make it writable so it can be removed. */
function removeScratch(scratch: string): void {
  spawnSync('chmod', ['-R', 'u+w', scratch]);
  fs.rmSync(scratch, { recursive: true, force: true });
}

/**
 * `npm run bench:cold`: the whole first start of a fresh clone (npm ci, the
 * workspaces, every backend, the Prometheus UI, up to "All up") in
 * throw-away caches: its own GOMODCACHE, GOCACHE, binary cache
 * (O11Y_DEMO_CACHE) and npm/pnpm caches under one temp dir, removed after.
 * Needs the stack's ports free (stop `npm start` first) and takes minutes
 * of every core. Prints each step's time from the run's own build-times.json.
 */
async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-demo-cold-'));
  const cloneDir = path.join(scratch, 'repo');
  const env = throwAwayEnv(scratch);
  const runLog = path.join(scratch, 'first-start.log');
  let succeeded = false;
  try {
    process.stdout.write(`cloning ${REPO_ROOT} (HEAD) into ${cloneDir}; caches under ${scratch}\n`);
    const clone = spawnSync('git', ['clone', '--quiet', REPO_ROOT, cloneDir], { stdio: 'inherit' });
    if (clone.status !== 0) throw new Error('git clone failed');

    const allUpSeconds = await firstStart(cloneDir, env, runLog);
    const timesFile = previousTimesFile(env['O11Y_DEMO_CACHE']);
    const recorded = fs.existsSync(timesFile) ? (JSON.parse(fs.readFileSync(timesFile, 'utf8')) as { seconds: Record<string, number> }).seconds : {};
    const steps = Object.entries(recorded);
    const built = steps.reduce((sum, [, seconds]) => sum + seconds, 0);
    const rows = [
      ['step', 'seconds'],
      ...steps.map(([step, seconds]) => [step, String(seconds)]),
      ['(sum of steps)', String(Math.round(built))],
      ['start until "All up" (health checks included)', allUpSeconds === undefined ? '-' : String(Math.round(allUpSeconds))],
    ];
    process.stdout.write(`\n${formatTextTable(rows, { underlineHeader: true })}\n\n`);
    if (allUpSeconds === undefined) {
      const portsTaken = / is (already )?in use|port .* taken/i.test(fs.readFileSync(runLog, 'utf8'));
      throw new Error(
        portsTaken
          ? 'every step above was built, but the stack could not start: its ports are taken (stop the running stack and run again)'
          : `the first start failed; see ${runLog}`,
      );
    }
    const verdict = allUpSeconds <= GOAL_SECONDS ? 'within goal' : 'OVER GOAL';
    process.stdout.write(`first start, empty caches: ${clock(allUpSeconds)} to "All up" (goal <= ${clock(GOAL_SECONDS)}: ${verdict}); cores: ${os.cpus().length}\n`);
    succeeded = true;
    process.stdout.write(keep ? `full output: ${runLog}; build logs: ${path.join(cloneDir, '.run', 'logs')}\n` : 'the clone, its logs and the caches are removed (--keep keeps them)\n');
  } finally {
    if (succeeded && !keep) removeScratch(scratch);
    else process.stdout.write(`kept for inspection: ${scratch} (remove with: chmod -R u+w ${scratch} && rm -rf ${scratch})\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
