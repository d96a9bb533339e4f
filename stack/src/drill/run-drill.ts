import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildStaleApps } from '../build/app-build';
import { resolveBackendBinaries } from '../build/backend-binaries';
import { parseStackEnv } from '../env';
import { storeEndpoints } from '../run/stack-plan';
import { startStack, type RunningStack } from '../stack';
import { DRILL_STEPS } from './drill-steps';
import { formatDrillTable, stepPassed } from './drill-table';
import { runOutageDrill, type StepResult } from './outage-drill';

const USAGE = `usage: npm run drill [-- --outage-seconds 60] [--rate 5] [--steps id,id] [--profile interactive|test]
  Starts the native stack, sends a steady stream of traced requests and takes the
  trace store, the log store and the collector away in turn; then counts, by trace
  id, what arrived. Steps: ${DRILL_STEPS.map((s) => s.id).join(', ')}.
  Stop any running demo first: the drill starts and owns its own stack.`;

const Args = z.object({
  outageSeconds: z.coerce.number().int().min(1).max(600, '--outage-seconds must be 1-600'),
  rate: z.coerce.number().min(0.5).max(50, '--rate must be 0.5-50 requests per second'),
  steps: z.array(z.enum(DRILL_STEPS.map((s) => s.id) as [string, ...string[]], { error: (i) => `unknown step "${String(i.input)}"; steps: ${DRILL_STEPS.map((s) => s.id).join(', ')}` })),
  profile: z.enum(['interactive', 'test']),
});
export type DrillArgs = z.infer<typeof Args>;

export function parseDrillArgs(argv: readonly string[]): DrillArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'outage-seconds': { type: 'string', default: '60' },
      rate: { type: 'string', default: '5' },
      steps: { type: 'string', default: DRILL_STEPS.map((s) => s.id).join(',') },
      profile: { type: 'string', default: 'interactive' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const parsed = Args.safeParse({
    outageSeconds: values['outage-seconds'],
    rate: values.rate,
    steps: values.steps.split(',').map((s) => s.trim()).filter(Boolean),
    profile: values.profile,
  });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n\n${USAGE}`);
  return parsed.data;
}

/** Starts the stack, runs the drill, stops the stack; the results for a caller to judge (the table is printed). */
export async function drill(args: DrillArgs, log: (line: string) => void): Promise<StepResult[]> {
  const env = parseStackEnv();
  const binaries = await resolveBackendBinaries(env, (m) => log(`[build] ${m}`));
  await buildStaleApps((m) => log(`[build] ${m}`));
  let stack: RunningStack | undefined;
  const stopOnSignal = (): void => void stack?.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    stack = await startStack({ profile: args.profile, echoChildOutput: false, skipAppBuild: true, onProgress: (m) => log(`[stack] ${m}`) });
    const outageMs = args.outageSeconds * 1000;
    const steps = DRILL_STEPS.filter((s) => args.steps.includes(s.id));
    const results = await runOutageDrill(stack, storeEndpoints(binaries), steps, {
      outageMs,
      steadyMs: Math.min(10_000, Math.max(3_000, outageMs / 4)),
      ratePerSecond: args.rate,
      // The collector's retry backoff tops out at its max_interval: allow two of them and then some.
      arrivalDeadlineMs: 90_000,
      log,
    });
    log('');
    log(`outage drill: ${args.outageSeconds} s per fault, ${args.rate} traced requests/s to node-api /data`);
    log(formatDrillTable(results));
    return results;
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await stack?.stop();
  }
}

if (require.main === module) {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  Promise.resolve()
    .then(() => drill(parseDrillArgs(process.argv.slice(2)), log))
    .then(
      (results) => {
        const passed = results.every(stepPassed);
        const byDesign = results.some((r) => r.step.expectsLoss === true);
        log(
          passed
            ? `\nnothing lost where the pipeline promises it: every trace and log line arrived and the apps answered every request${byDesign ? '; the loss by design was counted and alerted' : ''}`
            : '\nunexpected LOSS, app errors, or an uncounted loss: see the rows above',
        );
        process.exitCode = passed ? 0 : 1;
      },
      (error: unknown) => {
        process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
}
