import * as path from 'node:path';
import { REPO_ROOT } from '../paths';
import type { BuildTimes } from './build-times';

/** Reports progress on stderr so `cli build` stdout stays a clean list of paths. */
export type BuildProgress = (message: string) => void;

/** One thing a first start builds: a backend binary, the Prometheus UI, a workspace. */
export interface BuildStep {
  /** Key of its recorded time, e.g. "prometheus" or "app-frontend". */
  readonly name: string;
  /** What the user reads, e.g. "Prometheus v3.14.0 (prometheus, promtool)". */
  readonly title: string;
  readonly logFile: string;
  /**
   * Network work (module and package downloads) that needs no CPU to speak
   * of, so it runs while the step before compiles.
   */
  readonly fetch?: () => Promise<void>;
  /** The CPU-bound part. Compiles run one at a time: each Go build already uses every core. */
  readonly compile: () => Promise<void>;
}

export interface StepFailure {
  readonly step: BuildStep;
  readonly error: unknown;
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return minutes === 0 ? `${whole} s` : `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
}

function relative(file: string): string {
  return path.relative(REPO_ROOT, file) || file;
}

/**
 * Runs the steps in order: compiles one at a time, and the next step's
 * downloads during the current compile. Prints one line per step with the
 * time since the process started (npm ci included under `npm start`) and an
 * estimate of what is left, and records each step's time for the next run.
 * With keepGoing, a failed step does not stop the later ones (`cli build`
 * reports every backend); without it the first failure rejects at once.
 */
export async function runBuildSteps(
  steps: readonly BuildStep[],
  times: BuildTimes,
  progress: BuildProgress,
  options: { keepGoing?: boolean } = {},
): Promise<StepFailure[]> {
  if (steps.length === 0) return [];
  const remaining = (from: number): number => steps.slice(from).reduce((sum, step) => sum + times.estimate(step.name).seconds, 0);
  const sources = new Set(steps.map((step) => times.estimate(step.name).from).filter((from) => from !== 'none'));
  progress(
    `${steps.length} step${steps.length === 1 ? '' : 's'} to build: ${steps.map((step) => step.name).join(', ')}; ` +
      `${sources.size === 0 ? 'no estimate yet' : `about ${clock(remaining(0))} (estimated from ${[...sources].join(' and ')} times)`}; ` +
      `full logs: ${relative(path.dirname(steps[0]?.logFile ?? '.'))}/build-<step>.log`,
  );

  const fetches: Array<Promise<void> | undefined> = [];
  const startFetch = (index: number): void => {
    const step = steps[index];
    if (step === undefined || fetches[index] !== undefined) return;
    const fetching = step.fetch?.() ?? Promise.resolve();
    // Awaited when its step comes up; until then a failure must not count as unhandled.
    fetching.catch(() => undefined);
    fetches[index] = fetching;
  };

  const failures: StepFailure[] = [];
  startFetch(0);
  for (const [index, step] of steps.entries()) {
    const started = Date.now();
    const position = `[${index + 1}/${steps.length}]`;
    try {
      await fetches[index];
      startFetch(index + 1);
      await step.compile();
    } catch (error) {
      failures.push({ step, error });
      progress(`${position} ${step.title}: FAILED after ${clock((Date.now() - started) / 1000)}; log: ${relative(step.logFile)}`);
      if (options.keepGoing !== true) return failures;
      startFetch(index + 1);
      continue;
    }
    const seconds = (Date.now() - started) / 1000;
    times.record(step.name, seconds);
    progress(
      `${position} ${step.title}: done in ${clock(seconds)}; ${clock(process.uptime())} since start, ` +
        `${index + 1 === steps.length ? 'nothing left to build' : `about ${clock(remaining(index + 1))} left`}; log: ${relative(step.logFile)}`,
    );
  }
  return failures;
}
