import { z } from 'zod';

/** Where a scenario acts: the service whose code misbehaves while it is on. */
type ScenarioService = 'node-api' | 'worker' | 'frontend';

export interface ScenarioDefinition {
  readonly name: string;
  readonly title: string;
  readonly service: ScenarioService;
  /** What happens, in the terms a learner will see in the telemetry. */
  readonly description: string;
  /** The signals that carry its signature. */
  readonly signals: ReadonlyArray<'traces' | 'logs' | 'metrics' | 'web vitals'>;
}

/**
 * The workshop's failure scenarios. Each one is a realistic fault with a
 * signature in every signal it touches; the numbers here are the ones the
 * services implement (and the workshop's answers rely on).
 */
export const SCENARIOS = [
  {
    name: 'slow-query',
    title: 'Slow database query',
    service: 'worker',
    description: 'One in three inventory queries takes 600-900 ms instead of ~15 ms, as if an index were missing.',
    signals: ['traces', 'metrics'],
  },
  {
    name: 'flaky-worker',
    title: 'Flaky worker',
    service: 'worker',
    description: 'One in four /data calls fails in the worker with a lost database connection: a 500, an ERROR log, and a 502 from node-api.',
    signals: ['traces', 'logs', 'metrics'],
  },
  {
    name: 'worker-timeout',
    title: 'Timeout on the worker',
    service: 'node-api',
    description: 'node-api waits only 300 ms for the worker, which now takes about a second: the client span fails with a timeout while the worker\'s span runs on.',
    signals: ['traces', 'logs', 'metrics'],
  },
  {
    name: 'n-plus-one',
    title: 'N+1 queries',
    service: 'worker',
    description: 'The worker reads the item list, then runs one more query per item: a single trace holds a query span for every row.',
    signals: ['traces', 'metrics'],
  },
  {
    name: 'log-flood',
    title: 'Log flood',
    service: 'node-api',
    description: 'A debug statement left on: node-api writes 50 log lines for every /data request, and its log volume jumps.',
    signals: ['logs'],
  },
  {
    name: 'layout-shift',
    title: 'Layout shift',
    service: 'frontend',
    description: 'A late banner pushes the page content down after each result arrives: Cumulative Layout Shift (CLS) rises.',
    signals: ['web vitals', 'traces'],
  },
  {
    name: 'long-task',
    title: 'Long task on click',
    service: 'frontend',
    description: 'Each click blocks the browser\'s main thread for ~300 ms before the page updates: Interaction to Next Paint (INP) rises.',
    signals: ['web vitals', 'traces'],
  },
] as const satisfies readonly ScenarioDefinition[];

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name) as [ScenarioName, ...ScenarioName[]];

export const ScenarioNameSchema = z.enum(SCENARIO_NAMES, {
  error: (issue) => `unknown scenario "${String(issue.input)}"; known: ${SCENARIO_NAMES.join(', ')}`,
});

export function isScenarioName(value: unknown): value is ScenarioName {
  return ScenarioNameSchema.safeParse(value).success;
}

/** Orders names as the catalog does, without duplicates, so every place lists them alike. */
export function inCatalogOrder(names: Iterable<ScenarioName>): ScenarioName[] {
  const wanted = new Set(names);
  return SCENARIO_NAMES.filter((name) => wanted.has(name));
}
