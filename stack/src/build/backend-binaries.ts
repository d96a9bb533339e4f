import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackEnv } from '../env';
import { RUN_LOGS_DIR, binaryCacheRoot, repoPath } from '../paths';
import { JAEGER, PROMETHEUS, PROMTOOL, VICTORIA_LOGS, type GoModuleBuild, type WrapperModuleBuild } from '../versions';
import { cacheEntryName, cachedBinariesPresent, fillCacheEntry, isExecutableFile, manifestHash } from './binary-cache';
import { BuildTimes, previousTimesFile } from './build-times';
import { runBuildSteps, type BuildProgress, type BuildStep } from './build-steps';
import { collectorCacheEntry, compileCollector, fetchCollector, readCollectorManifest, type FetchedCollector } from './collector-build';
import { compileGoModule, compileWrapperModule, fetchGoModule, fetchWrapperModule, readBuildInput, wrapperModuleFiles } from './go-module-build';
import { requireGoToolchain } from './go-toolchain';
import { planPrometheusUi } from './prometheus-ui-build';

export type { BuildProgress } from './build-steps';

type BinarySource = 'env' | 'cache' | 'built';

export interface ResolvedBinary {
  readonly path: string;
  readonly source: BinarySource;
}

export interface BackendBinaries {
  readonly otelcol: ResolvedBinary;
  readonly prometheus: ResolvedBinary;
  /** The directory Prometheus runs in to serve its web UI (prometheus-ui-build.ts). */
  readonly prometheusUi?: ResolvedBinary;
  /** The trace store: Jaeger, unless TEMPO_BIN brings Tempo instead. */
  readonly jaeger?: ResolvedBinary;
  readonly tempo?: ResolvedBinary;
  /** The log store: VictoriaLogs, unless QUICKWIT_BIN brings Quickwit instead. */
  readonly victoriaLogs?: ResolvedBinary;
  readonly quickwit?: ResolvedBinary;
  readonly grafana?: ResolvedBinary & { readonly home: string };
}

const COLLECTOR_MANIFEST = repoPath('collector', 'builder-config.yaml');

function buildLogFile(component: string): string {
  return path.join(RUN_LOGS_DIR, `build-${component}.log`);
}

function fromEnv(variable: string, value: string): ResolvedBinary {
  const resolved = path.resolve(value);
  if (!isExecutableFile(resolved)) {
    throw new Error(`${variable}=${value} is not an executable file. Fix the path, or unset ${variable} to use the built one.`);
  }
  return { path: resolved, source: 'env' };
}

/**
 * What a backend resolves to, and the build step that produces it when it is
 * neither given by the user nor cached. `value` is valid once the step ran.
 */
export interface PlannedBinaries<T> {
  readonly value: T;
  readonly step?: BuildStep;
}

/** Tags and patches are part of the key: a binary built with other tags or patches is another binary. */
function variantKey(spec: GoModuleBuild): string | undefined {
  const patches = (spec.patches ?? []).map((patch) => readBuildInput(patch, spec.component));
  const parts = [...(spec.buildTags.length === 0 ? [] : [spec.buildTags.join(',')]), ...patches];
  return parts.length === 0 ? undefined : manifestHash(parts.join('\n'));
}

function planGoModuleBinaries(spec: GoModuleBuild, cacheRoot: string): PlannedBinaries<Record<string, ResolvedBinary>> {
  const entryDir = path.join(cacheRoot, cacheEntryName(spec.component, spec.version, variantKey(spec)));
  const names = Object.keys(spec.binaries);
  const binaries = (source: BinarySource): Record<string, ResolvedBinary> =>
    Object.fromEntries(names.map((name) => [name, { path: path.join(entryDir, name), source }]));
  if (cachedBinariesPresent(entryDir, names)) return { value: binaries('cache') };
  const logFile = buildLogFile(spec.component);
  let workDir: string | undefined;
  return {
    value: binaries('built'),
    step: {
      name: spec.component,
      title: `${spec.component} ${spec.displayVersion} (${[names.join(', '), ...(spec.patches ?? []).map((patch) => `with ${patch}`)].join('; ')})`,
      logFile,
      fetch: async () => {
        workDir = await fetchGoModule(spec, logFile);
      },
      compile: () => fillCacheEntry(entryDir, (scratchDir) => compileGoModule(spec, fetched(workDir, spec.component), scratchDir, logFile)),
    },
  };
}

function fetched<T>(value: T | undefined, component: string): T {
  if (value === undefined) throw new Error(`internal: ${component} was compiled before its download finished`);
  return value;
}

function planCollector(cacheRoot: string, manifestFile: string): PlannedBinaries<ResolvedBinary> {
  const manifest = readCollectorManifest(manifestFile);
  const entryDir = collectorCacheEntry(cacheRoot, manifest);
  const binary = path.join(entryDir, manifest.binaryName);
  if (cachedBinariesPresent(entryDir, [manifest.binaryName])) return { value: { path: binary, source: 'cache' } };
  const logFile = buildLogFile('otelcol');
  let work: FetchedCollector | undefined;
  return {
    value: { path: binary, source: 'built' },
    step: {
      name: 'collector',
      title: `the OpenTelemetry Collector (${path.relative(repoPath(), manifestFile)})`,
      logFile,
      fetch: async () => {
        work = await fetchCollector(cacheRoot, manifest, logFile);
      },
      compile: async () => {
        await compileCollector(cacheRoot, manifest, fetched(work, 'the collector'), logFile);
      },
    },
  };
}

function planWrapperModule(spec: WrapperModuleBuild, cacheRoot: string): PlannedBinaries<ResolvedBinary> {
  const { goMod, goSum } = wrapperModuleFiles(spec);
  const entryDir = path.join(cacheRoot, cacheEntryName(spec.component, spec.version, manifestHash(goMod + goSum)));
  const binary = path.join(entryDir, spec.binaryName);
  if (cachedBinariesPresent(entryDir, [spec.binaryName])) return { value: { path: binary, source: 'cache' } };
  const logFile = buildLogFile(spec.component);
  return {
    value: { path: binary, source: 'built' },
    step: {
      name: spec.component,
      title: `${spec.component} ${spec.displayVersion} (from ${spec.wrapperDir})`,
      logFile,
      fetch: () => fetchWrapperModule(spec, logFile),
      compile: () => fillCacheEntry(entryDir, (scratchDir) => compileWrapperModule(spec, scratchDir, logFile)),
    },
  };
}

export function planCollectorBinary(env: StackEnv): PlannedBinaries<ResolvedBinary> {
  if (env.OTELCOL_BIN !== undefined) return { value: fromEnv('OTELCOL_BIN', env.OTELCOL_BIN) };
  const manifestFile = env.OTELCOL_MANIFEST !== undefined ? path.resolve(env.OTELCOL_MANIFEST) : COLLECTOR_MANIFEST;
  return planCollector(binaryCacheRoot(env.O11Y_DEMO_CACHE), manifestFile);
}

export function planPrometheusBinary(env: StackEnv): PlannedBinaries<{ prometheus: ResolvedBinary }> {
  return planOneGoBinary(PROMETHEUS, 'prometheus', 'PROMETHEUS_BIN', env);
}

/** promtool: built for the config checks (`npm run stack -- build`), not for `npm start`, which never runs it. */
export function planPromtoolBinary(env: StackEnv): PlannedBinaries<{ promtool: ResolvedBinary }> {
  return planOneGoBinary(PROMTOOL, 'promtool', 'PROMTOOL_BIN', env);
}

function planOneGoBinary<Name extends string>(spec: GoModuleBuild, name: Name, variable: keyof StackEnv, env: StackEnv): PlannedBinaries<Record<Name, ResolvedBinary>> {
  const given = env[variable];
  if (typeof given === 'string') return { value: { [name]: fromEnv(variable, given) } as Record<Name, ResolvedBinary> };
  const planned = planGoModuleBinaries(spec, binaryCacheRoot(env.O11Y_DEMO_CACHE));
  const binary = planned.value[name];
  if (binary === undefined) throw new Error(`internal: the ${spec.component} build does not produce ${name} (see stack/src/versions.ts)`);
  return { value: { [name]: binary } as Record<Name, ResolvedBinary>, ...(planned.step !== undefined && { step: planned.step }) };
}

/** Jaeger v2, the trace store, unless the user brings Tempo (then Jaeger is neither built nor run). */
export function planTraceStoreBinary(env: StackEnv): PlannedBinaries<Pick<BackendBinaries, 'jaeger' | 'tempo'>> {
  if (env.TEMPO_BIN !== undefined) return { value: { tempo: fromEnv('TEMPO_BIN', env.TEMPO_BIN) } };
  return planOneGoBinary(JAEGER, 'jaeger', 'JAEGER_BIN', env);
}

/** VictoriaLogs, the log store, unless the user brings Quickwit (then VictoriaLogs is neither built nor run). */
export function planLogStoreBinary(env: StackEnv): PlannedBinaries<Pick<BackendBinaries, 'victoriaLogs' | 'quickwit'>> {
  if (env.QUICKWIT_BIN !== undefined) return { value: { quickwit: fromEnv('QUICKWIT_BIN', env.QUICKWIT_BIN) } };
  if (env.VICTORIALOGS_BIN !== undefined) return { value: { victoriaLogs: fromEnv('VICTORIALOGS_BIN', env.VICTORIALOGS_BIN) } };
  const planned = planWrapperModule(VICTORIA_LOGS, binaryCacheRoot(env.O11Y_DEMO_CACHE));
  return { value: { victoriaLogs: planned.value }, ...(planned.step !== undefined && { step: planned.step }) };
}

/**
 * Runs the steps with times from (and for) this cache dir; checks for Go
 * first when a Go build is among them.
 */
export async function runBackendBuildSteps(
  env: StackEnv,
  steps: readonly BuildStep[],
  progress: BuildProgress,
  options: { keepGoing?: boolean } = {},
): Promise<Array<{ step: BuildStep; error: unknown }>> {
  if (steps.length === 0) return [];
  fs.mkdirSync(binaryCacheRoot(env.O11Y_DEMO_CACHE), { recursive: true });
  if (steps.some((step) => GO_STEPS.has(step.name))) progress(`using ${requireGoToolchain()}`);
  return runBuildSteps(steps, new BuildTimes(previousTimesFile(env.O11Y_DEMO_CACHE)), progress, options);
}

const GO_STEPS = new Set(['collector', PROMETHEUS.component, PROMTOOL.component, JAEGER.component, VICTORIA_LOGS.component]);

/** Grafana cannot be built here (AGPL): it runs only when the user points at an install. */
export function resolveGrafanaBinary(env: StackEnv): Pick<BackendBinaries, 'grafana'> {
  const grafana =
    env.GRAFANA_BIN !== undefined && env.GRAFANA_HOME !== undefined
      ? { ...fromEnv('GRAFANA_BIN', env.GRAFANA_BIN), home: path.resolve(env.GRAFANA_HOME) }
      : undefined;
  return grafana === undefined ? {} : { grafana };
}

/**
 * Every backend binary the stack needs: a user-given path wins, then the
 * cache, and only then a build. `before` are steps to run first (the
 * workspaces under `npm start`), so the first Go step's downloads overlap a
 * compile too. Compiles run one at a time: each Go build already uses every
 * core, and in parallel they thrash memory; downloads overlap them.
 */
export async function resolveBackendBinaries(env: StackEnv, progress: BuildProgress, before: readonly BuildStep[] = []): Promise<BackendBinaries> {
  const collector = planCollectorBinary(env);
  const prometheus = planPrometheusBinary(env);
  const prometheusUi = planPrometheusUi(env);
  const traceStore = planTraceStoreBinary(env);
  const logStore = planLogStoreBinary(env);
  const steps = [...before, ...[collector, prometheus, prometheusUi, traceStore, logStore].flatMap((planned) => (planned.step === undefined ? [] : [planned.step]))];
  const [failure] = await runBackendBuildSteps(env, steps, progress);
  if (failure !== undefined) throw failure.error;
  return {
    otelcol: collector.value,
    ...prometheus.value,
    ...prometheusUi.value,
    ...traceStore.value,
    ...logStore.value,
    ...resolveGrafanaBinary(env),
  };
}
