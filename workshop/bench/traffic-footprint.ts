// `npm run bench:traffic`: the traffic generator at its default mix against the
// running native stack for two minutes; prints its throughput and the resident
// memory of everything `npm start` runs (npm and the supervisor included),
// sampled every 5 s while it runs.
import { readStackState, sampleWholeStack, type WholeStackSample } from '@o11y-demo/stack';
import { parseTrafficArgs, runTraffic, type TrafficArgs } from '../src/traffic/run-traffic';

const GOAL_BYTES = 1024 ** 3;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const state = readStackState();
  if (state === null) throw new Error('no native stack is running (.run/stack.json is missing): start it with `npm start` first');
  const parsed = parseTrafficArgs(['--duration', process.env['BENCH_TRAFFIC_SECONDS'] ?? '120', ...process.argv.slice(2)]);
  if (parsed === 'help') return;
  const args: TrafficArgs = parsed;
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  log(`traffic: ${args.rate} req/s, ${args.browsers} browsers, ${args.durationS} s against the running stack`);

  const idle = sampleWholeStack(state.runnerPid, state.components);
  let peak: WholeStackSample = idle;
  const sampler = setInterval(() => {
    const sample = sampleWholeStack(state.runnerPid, state.components);
    if (sample.residentBytes > peak.residentBytes) peak = sample;
  }, 5_000);
  let summary;
  try {
    summary = await runTraffic(args, { write: () => undefined });
  } finally {
    clearInterval(sampler);
  }
  const byProcess = [...peak.byProcess].map(([name, bytes]) => `${name} ${mib(bytes)}`).join(', ');
  log(`throughput: ${summary.httpSent} HTTP requests in ${summary.seconds.toFixed(0)} s = ${(summary.httpSent / summary.seconds).toFixed(1)} req/s; ${summary.httpErrors} unexpected errors, ${summary.plannedErrors} planned /error`);
  log(`browsers: ${summary.pageViews} page views, ${summary.clicks} clicks`);
  log(`RSS of everything npm start runs, before: ${mib(idle.residentBytes)}; peak while traffic ran: ${mib(peak.residentBytes)} (${byProcess})`);
  log(`goal <= ${mib(GOAL_BYTES)}: ${peak.residentBytes <= GOAL_BYTES ? 'within goal' : 'OVER GOAL'}; PSS at that peak (shared pages counted once): ${mib(peak.proportionalBytes)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
