import { staleAppSteps } from './build/app-build';
import { resolveBackendBinaries, type BuildProgress } from './build/backend-binaries';
import { parseStackEnv } from './env';
import { readLastLines } from './log-tail';
import type { ComponentSpec, SkippedComponent } from './run/component-spec';
import { createPrefixer } from './run/console-prefix';
import { isHealthy, waitForHealthy } from './run/health-wait';
import { assertPortsFree } from './run/port-check';
import { HEALTH_URLS, planStack } from './run/stack-plan';
import { readStackState, removeStackState, writeStackState } from './run/stack-state-file';
import { SupervisedProcess } from './run/supervised-process';

export interface StartStackOptions {
  /**
   * 'test': OTLP export every 200 ms (spans, logs) / 1 s (metrics) and no child
   * output on the console (it still goes to .run/logs/<name>.log).
   * 'interactive' (default): export every 500 ms / 5 s, prefixed child output.
   */
  readonly profile?: 'interactive' | 'test';
  /** Overrides the profile's choice of echoing child output to the console. */
  readonly echoChildOutput?: boolean;
  /** Environment to read OTELCOL_BIN, QUICKWIT_BIN, ... from; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Skip `npm run build` / `next build` checks (the caller built already). */
  readonly skipAppBuild?: boolean;
  /** Progress messages (builds, phases); defaults to stderr. */
  readonly onProgress?: BuildProgress;
  /** Aborting during startup stops whatever already started and rejects. */
  readonly signal?: AbortSignal;
  /** Called when a component dies on its own after the stack was up; the stack is then stopped. */
  readonly onUnexpectedExit?: (name: string, detail: string) => void;
}

interface RunningComponent {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly healthUrl: string;
  readonly logFile: string;
  /** Milliseconds from spawn until its health URL answered. */
  readonly healthyAfterMs: number;
}

export interface RunningStack {
  readonly components: readonly RunningComponent[];
  readonly skipped: readonly SkippedComponent[];
  readonly startedAt: Date;
  /** Milliseconds from the first spawn until every component was healthy (builds excluded). */
  readonly startupMs: number;
  /** Resolves once the stack has stopped, whether through stop() or because a component died. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
  /**
   * Outage drills: SIGSTOP (true) or SIGCONT (false) to one component's process
   * group. A frozen component keeps its ports open and answers nothing.
   */
  freeze(name: string, frozen: boolean): void;
  /**
   * Outage drills: ends one component ('kill': SIGKILL, a crash; 'stop': SIGTERM,
   * an orderly restart that lets the collector persist its queues), keeps it down
   * for `downMs`, starts it again with the same command and resolves once it is healthy.
   */
  restart(name: string, options: RestartOptions): Promise<void>;
}

class ComponentFailedError extends Error {}

interface RestartOptions {
  readonly how: 'kill' | 'stop';
  readonly downMs?: number;
  /**
   * Environment for the new process on top of the component's own; the next
   * restart without it goes back to the component's planned environment.
   */
  readonly env?: Readonly<Record<string, string>>;
}

/** Stop deadlines per tier: the collector gets longest because it flushes queued telemetry to the backends. */
const STOP_GRACE_MS = { app: 5_000, collector: 10_000, backend: 10_000 } as const;
const START_PHASES: ReadonlyArray<ReadonlyArray<ComponentSpec['tier']>> = [['backend', 'collector'], ['app']];
const STOP_ORDER: ReadonlyArray<ComponentSpec['tier']> = ['app', 'collector', 'backend'];

function progressToStderr(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

function failureReport(supervised: SupervisedProcess, reason: string): string {
  const exit = supervised.exitDescription;
  const tail = readLastLines(supervised.logFile, 25);
  return (
    `${supervised.name} ${reason}${exit === undefined ? '' : ` (${exit})`}. ` +
    (tail === '' ? `Its log ${supervised.logFile} is empty.` : `Last lines of ${supervised.logFile}:\n${tail}`)
  );
}

async function stopInOrder(processes: readonly SupervisedProcess[]): Promise<void> {
  for (const tier of STOP_ORDER) {
    await Promise.all(processes.filter((p) => p.spec.tier === tier).map((p) => p.stop(STOP_GRACE_MS[tier])));
  }
}

/**
 * Builds what is missing, starts every component (backends and collector,
 * then the apps), waits until each is healthy and records the stack in
 * .run/stack.json. Rejects, with everything already stopped, when a port is
 * taken or a component never gets healthy.
 */
export async function startStack(options: StartStackOptions = {}): Promise<RunningStack> {
  const progress = options.onProgress ?? progressToStderr;
  const profile = options.profile ?? 'interactive';
  const echo = options.echoChildOutput ?? profile === 'interactive';
  const env = parseStackEnv(options.env ?? process.env);
  const healthTimeoutMs = env.STACK_HEALTH_TIMEOUT_S * 1000;

  // The workspaces build first, so the first backend's downloads overlap their compile.
  const binaries = await resolveBackendBinaries(env, progress, options.skipAppBuild === true ? [] : staleAppSteps());
  const plan = planStack(binaries, { exportProfile: profile });

  await assertPortsFree(plan.components.flatMap((c) => c.ports.map(({ port, purpose }) => ({ port, claimedBy: `${c.name} (${purpose})` }))));

  const nameWidth = Math.max(...plan.components.map((c) => c.name.length));
  const echoFor = (spec: ComponentSpec) =>
    echo ? createPrefixer(spec.name, nameWidth, plan.components.indexOf(spec), process.stdout) : undefined;
  const processes: SupervisedProcess[] = [];
  const healthyAfter = new Map<string, number>();
  const firstSpawn = Date.now();
  const startedAt = new Date();

  try {
    for (const tiers of START_PHASES) {
      options.signal?.throwIfAborted();
      const phase = plan.components.filter((c) => tiers.includes(c.tier));
      progress(`starting ${phase.map((c) => c.name).join(', ')}`);
      const started = phase.map((spec) => {
        const supervised = new SupervisedProcess(spec, echoFor(spec));
        processes.push(supervised);
        return supervised;
      });
      const results = await Promise.allSettled(
        started.map(async (p) => {
          const spawnedAt = Date.now();
          await waitForHealthy(p.spec.healthUrl, {
            timeoutMs: healthTimeoutMs,
            hasExited: () => p.hasExited || options.signal?.aborted === true,
          });
          healthyAfter.set(p.name, Date.now() - spawnedAt);
        }),
      );
      options.signal?.throwIfAborted();
      const failures = results.flatMap((result, i) => {
        const p = started[i];
        return result.status === 'rejected' && p !== undefined ? [failureReport(p, (result.reason as Error).message)] : [];
      });
      if (failures.length > 0) throw new ComponentFailedError(`The stack did not come up:\n\n${failures.join('\n\n')}`);
    }
  } catch (error) {
    progress('stopping what already started');
    await stopInOrder(processes);
    throw error;
  }

  const startupMs = Date.now() - firstSpawn;
  const components: RunningComponent[] = processes.map((p) => ({
    name: p.name,
    pid: p.pid ?? -1,
    url: p.spec.url,
    healthUrl: p.spec.healthUrl,
    logFile: p.logFile,
    healthyAfterMs: healthyAfter.get(p.name) ?? 0,
  }));
  const recordState = (): void =>
    writeStackState({
      startedAt: startedAt.toISOString(),
      runnerPid: process.pid,
      components: processes.map((p) => ({ name: p.name, pid: p.pid ?? -1, url: p.spec.url, healthUrl: p.spec.healthUrl, logFile: p.logFile })),
      skipped: [...plan.skipped],
    });
  recordState();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= stopInOrder(processes).finally(removeStackState);
    return stopping;
  };
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const stopAndMark = (): Promise<void> => stop().then(markStopped);

  const watchForCrash = (p: SupervisedProcess): void => {
    void p.exited.then(() => {
      if (p.isStopping) return;
      const detail = failureReport(p, 'stopped unexpectedly');
      (options.onUnexpectedExit ?? ((_name: string, text: string) => progress(text)))(p.name, detail);
      void stopAndMark();
    });
  };
  processes.forEach(watchForCrash);

  const running = (name: string): SupervisedProcess => {
    const found = processes.find((p) => p.name === name);
    if (found === undefined) throw new Error(`no component "${name}" in this stack; it runs ${processes.map((p) => p.name).join(', ')}`);
    return found;
  };

  const freeze = (name: string, frozen: boolean): void => running(name).freeze(frozen);

  const restart = async (name: string, { how, downMs = 0, env = {} }: RestartOptions): Promise<void> => {
    const old = running(name);
    if (how === 'kill') await old.kill();
    else await old.stop(STOP_GRACE_MS[old.spec.tier]);
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    if (stopping !== undefined) throw new Error(`the stack is stopping; ${name} was not restarted`);
    const planned = plan.components.find((c) => c.name === name) ?? old.spec;
    const spec = { ...planned, env: { ...planned.env, ...env } };
    const replacement = new SupervisedProcess(spec, echoFor(planned), { appendToLog: true });
    processes[processes.indexOf(old)] = replacement;
    recordState();
    watchForCrash(replacement);
    try {
      await waitForHealthy(replacement.spec.healthUrl, { timeoutMs: healthTimeoutMs, hasExited: () => replacement.hasExited });
    } catch (error) {
      throw new ComponentFailedError(failureReport(replacement, `did not come back after a restart: ${(error as Error).message}`));
    }
  };

  return { components, skipped: plan.skipped, startedAt, startupMs, stopped, stop: stopAndMark, freeze, restart };
}

/**
 * True when every health URL of the running stack answers: those recorded in
 * .run/stack.json, or, when there is no such file (e.g. the stack runs under
 * docker compose), the collector, Prometheus and the apps plus either trace
 * store and either log store.
 */
export async function isStackRunning(): Promise<boolean> {
  const state = readStackState();
  if (state !== null) return (await Promise.all(state.components.map((c) => isHealthy(c.healthUrl)))).every(Boolean);
  const anyOf = async (urls: readonly string[]): Promise<boolean> => (await Promise.all(urls.map((url) => isHealthy(url)))).some(Boolean);
  const answers = await Promise.all([
    ...[HEALTH_URLS.collector, HEALTH_URLS.prometheus, HEALTH_URLS.worker, HEALTH_URLS['node-api'], HEALTH_URLS.frontend].map((url) => isHealthy(url)),
    anyOf([HEALTH_URLS.jaeger, HEALTH_URLS.tempo]),
    anyOf([HEALTH_URLS['victoria-logs'], HEALTH_URLS.quickwit]),
  ]);
  return answers.every(Boolean);
}
