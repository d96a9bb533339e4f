// `npm run bench:traffic`: the traffic generator at its default mix against the
// running native stack for two minutes; prints its throughput and the stack's
// resident memory (sampled every 5 s) while it runs.
import { readStackState, sampleStackMemory, type MemorySample } from '@o11y-demo/stack';
import { parseTrafficArgs, runTraffic, type TrafficArgs } from '../src/traffic/run-traffic';

const GOAL_BYTES = 1.2 * 1024 ** 3;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const state = readStackState();
  if (state === null) throw new Error('no native stack is running (.run/stack.json is missing): start it with `npm start` first');
  const parsed = parseTrafficArgs(['--duration', process.env['BENCH_TRAFFIC_SECONDS'] ?? '120', ...process.argv.slice(2)]);
  if (parsed === 'help') return;
  const args: TrafficArgs = parsed;
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  log(`traffic: ${args.rate} req/s, ${args.browsers} browsers, ${args.durationS} s against the running stack`);

  const idle = sampleStackMemory(state.components);
  let peak: MemorySample = idle;
  const sampler = setInterval(() => {
    const sample = sampleStackMemory(state.components);
    if (sample.totalBytes > peak.totalBytes) peak = sample;
  }, 5_000);
  let summary;
  try {
    summary = await runTraffic(args, { write: () => undefined });
  } finally {
    clearInterval(sampler);
  }
  const byComponent = [...peak.byComponent].map(([name, bytes]) => `${name} ${mib(bytes)}`).join(', ');
  log(`throughput: ${summary.httpSent} HTTP requests in ${summary.seconds.toFixed(0)} s = ${(summary.httpSent / summary.seconds).toFixed(1)} req/s; ${summary.httpErrors} unexpected errors, ${summary.plannedErrors} planned /error`);
  log(`browsers: ${summary.pageViews} page views, ${summary.clicks} clicks`);
  log(`stack RSS before: ${mib(idle.totalBytes)}; peak while traffic ran: ${mib(peak.totalBytes)} (${byComponent})`);
  log(`goal <= ${mib(GOAL_BYTES)}: ${peak.totalBytes <= GOAL_BYTES ? 'within goal' : 'OVER GOAL'}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
