// `npm run bench:views`: how fast the page's exploration views answer on the
// running stack. Each view is a list of URLs requested one after the other,
// round after round (BENCH_VIEWS_ROUNDS, default 20), timed to the last byte;
// it prints p50, p95 and the slowest per view against its goal. Run it after
// some `npm run traffic`, so the stores hold what a workshop room makes.
// A view joins by adding an entry to VIEWS.
import { readTargets } from '../src/targets';

interface ViewBench {
  name: string;
  /** p95 goal. */
  goalMs: number;
  /** Paths on the frontend, each answering 200. */
  paths: readonly string[];
}

/** The searches a workshop makes: the exercises' links and the form's plain uses. */
const SEARCHES = [
  'service=worker&minDuration=500ms&lookback=15m',
  'service=worker&operation=SELECT%20inventory&lookback=15m&limit=50',
  'service=node-api&lookback=15m',
  'tag=demo.scenarios%3Dslow-query&lookback=15m',
  'error=true&lookback=15m',
  'lookback=1h&limit=100',
];

const VIEWS: readonly ViewBench[] = [
  { name: '/traces search (GET /api/traces)', goalMs: 300, paths: SEARCHES.map((search) => `/api/traces?${search}`) },
  { name: '/traces page render', goalMs: 1_000, paths: SEARCHES.map((search) => `/traces?${search}`) },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function timeOne(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const { frontend } = readTargets();
  const rounds = Number(process.env['BENCH_VIEWS_ROUNDS'] ?? '20');
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  log(`views on ${frontend}, ${rounds} rounds each`);
  let over = 0;
  for (const view of VIEWS) {
    // One round first, untimed: the first render of a route compiles nothing in production, but it warms the store's caches.
    for (const path of view.paths) await timeOne(`${frontend}${path}`);
    const times: number[] = [];
    for (let round = 0; round < rounds; round += 1) for (const path of view.paths) times.push(await timeOne(`${frontend}${path}`));
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    if (p95 > view.goalMs) over += 1;
    log(
      `${view.name}: ${times.length} requests, p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms` +
        ` (goal p95 <= ${view.goalMs} ms: ${p95 <= view.goalMs ? 'within goal' : 'OVER GOAL'})`,
    );
  }
  if (over > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
