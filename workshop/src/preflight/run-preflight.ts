import { chromium, type Browser } from '@playwright/test';
import { detectBackends, readBackendConfig } from '@o11y-demo/telemetry-query';
import { parseArgs } from 'node:util';
import { formatTextTable } from '@o11y-demo/stack';
import { ScenarioApi } from '../scenario-api';
import { readTargets } from '../targets';
import { EXERCISES, type Exercise } from './exercises';
import type { PreflightContext } from './preflight-context';

export interface ExerciseResult {
  readonly exercise: Exercise;
  readonly passed: boolean;
  readonly seconds: number;
  /** The evidence found, or what was missing. */
  readonly detail: string;
}

const USAGE = `usage: npm run workshop:check [-- --only id,id] [--deadline-seconds 30]
  For each workshop exercise: switches its scenario on, drives requests (and a
  browser for the web-vital ones), checks the telemetry the exercise relies on
  reached the stores, switches it off; prints a pass/fail table.
  Runs against the demo already running (npm start). Exercises: ${EXERCISES.map((e) => e.id).join(', ')}`;

export function parsePreflightArgs(argv: readonly string[]): { only: string[]; deadlineMs: number } | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: { only: { type: 'string' }, 'deadline-seconds': { type: 'string', default: '30' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return 'help';
  const only = values.only === undefined ? EXERCISES.map((e) => e.id) : values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((id) => !EXERCISES.some((e) => e.id === id));
  if (unknown.length > 0) throw new Error(`unknown exercise ${unknown.join(', ')}; exercises: ${EXERCISES.map((e) => e.id).join(', ')}`);
  const deadline = Number(values['deadline-seconds']);
  if (!Number.isInteger(deadline) || deadline < 5 || deadline > 600) throw new Error('--deadline-seconds must be a whole number from 5 to 600');
  return { only, deadlineMs: deadline * 1000 };
}

/** Runs the exercises one at a time (scenarios would blur each other's signatures), each bounded by its deadline. */
export async function runPreflight(
  { only, deadlineMs }: { only: readonly string[]; deadlineMs: number },
  log: (line: string) => void,
): Promise<ExerciseResult[]> {
  const targets = readTargets();
  const scenarios = new ScenarioApi(targets.nodeApi);
  const before = await scenarios.list();
  if (before.active.length > 0) log(`switching off what was on: ${before.active.join(', ')}`);
  await scenarios.reset();
  const stores = await detectBackends(readBackendConfig(process.env));
  let browser: Promise<Browser> | undefined;
  const ctx: PreflightContext = {
    targets,
    scenarios,
    ...stores,
    deadlineMs,
    browser: () =>
      (browser ??= chromium.launch({
        executablePath: targets.chromium,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      })),
  };
  log(`reading back from ${stores.traceStore.displayName}, ${stores.logStore.displayName} and ${stores.metricStore.displayName}`);
  const results: ExerciseResult[] = [];
  try {
    for (const exercise of EXERCISES.filter((e) => only.includes(e.id))) {
      const started = Date.now();
      log(`${exercise.id}: ${exercise.scenario === undefined ? 'no scenario' : `switching ${exercise.scenario} on`}`);
      let passed = false;
      let detail: string;
      try {
        if (exercise.scenario !== undefined) await scenarios.set(exercise.scenario, true);
        detail = await exercise.check(ctx);
        passed = true;
      } catch (error) {
        detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      } finally {
        await scenarios.reset();
      }
      results.push({ exercise, passed, seconds: (Date.now() - started) / 1000, detail });
    }
  } finally {
    await (await browser)?.close();
  }
  return results;
}

export function formatPreflightTable(results: readonly ExerciseResult[]): string {
  const rows = results.map((r) => [r.passed ? 'PASS' : 'FAIL', r.exercise.id, r.exercise.scenario ?? '-', `${r.seconds.toFixed(1)} s`, r.detail]);
  const total = results.reduce((sum, r) => sum + r.seconds, 0);
  const passed = results.filter((r) => r.passed).length;
  return [formatTextTable([['', 'exercise', 'scenario', 'time', 'what was found'], ...rows]), '', `${passed}/${results.length} exercises ready in ${total.toFixed(0)} s`].join('\n');
}

if (require.main === module) {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  Promise.resolve()
    .then(async () => {
      const args = parsePreflightArgs(process.argv.slice(2));
      if (args === 'help') return log(USAGE);
      const results = await runPreflight(args, log);
      log('');
      log(formatPreflightTable(results));
      process.exitCode = results.every((r) => r.passed) ? 0 : 1;
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}

