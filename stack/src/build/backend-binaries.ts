import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackEnv } from '../env';
import { RUN_LOGS_DIR, binaryCacheRoot, repoPath } from '../paths';
import { JAEGER, PROMETHEUS, VICTORIA_LOGS, type GoModuleBuild, type WrapperModuleBuild } from '../versions';
import { cacheEntryName, cachedBinariesPresent, fillCacheEntry, isExecutableFile, manifestHash } from './binary-cache';
import { buildCollector, collectorCacheEntry, readCollectorManifest } from './collector-build';
import { buildGoModule, buildWrapperModule, wrapperModuleFiles } from './go-module-build';
import { requireGoToolchain } from './go-toolchain';

export type BinarySource = 'env' | 'cache' | 'built';

export interface ResolvedBinary {
  readonly path: string;
  readonly source: BinarySource;
}

export interface BackendBinaries {
  readonly otelcol: ResolvedBinary;
  readonly prometheus: ResolvedBinary;
  readonly promtool: ResolvedBinary;
  /** The trace store: Jaeger, unless TEMPO_BIN brings Tempo instead. */
  readonly jaeger?: ResolvedBinary;
  readonly tempo?: ResolvedBinary;
  /** The log store: VictoriaLogs, unless QUICKWIT_BIN brings Quickwit instead. */
  readonly victoriaLogs?: ResolvedBinary;
  readonly quickwit?: ResolvedBinary;
  readonly grafana?: ResolvedBinary & { readonly home: string };
}

export const COLLECTOR_MANIFEST = repoPath('collector', 'builder-config.yaml');

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

/** Reports progress on stderr so `cli build` stdout stays a clean list of paths. */
export type BuildProgress = (message: string) => void;

let goChecked = false;
function ensureGo(progress: BuildProgress): void {
  if (goChecked) return;
  progress(`using ${requireGoToolchain()}`);
  goChecked = true;
}

async function resolveGoModuleBinaries(
  spec: GoModuleBuild,
  cacheRoot: string,
  progress: BuildProgress,
): Promise<Record<string, ResolvedBinary>> {
  // The tags are part of the key: a binary built with other tags is another binary.
  const tagsKey = spec.buildTags.length === 0 ? undefined : manifestHash(spec.buildTags.join(','));
  const entryDir = path.join(cacheRoot, cacheEntryName(spec.component, spec.version, tagsKey));
  const names = Object.keys(spec.binaries);
  let source: BinarySource = 'cache';
  if (!cachedBinariesPresent(entryDir, names)) {
    ensureGo(progress);
    const logFile = buildLogFile(spec.component);
    progress(`building ${spec.component} ${spec.displayVersion} (a few minutes; log: ${logFile})`);
    const started = Date.now();
    await fillCacheEntry(entryDir, (scratchDir) => buildGoModule(spec, scratchDir, logFile));
    progress(`built ${spec.component} in ${Math.round((Date.now() - started) / 1000)} s`);
    source = 'built';
  }
  return Object.fromEntries(names.map((name) => [name, { path: path.join(entryDir, name), source }]));
}

async function resolveCollector(cacheRoot: string, manifestFile: string, progress: BuildProgress): Promise<ResolvedBinary> {
  const manifest = readCollectorManifest(manifestFile);
  const entryDir = collectorCacheEntry(cacheRoot, manifest);
  if (cachedBinariesPresent(entryDir, [manifest.binaryName])) {
    return { path: path.join(entryDir, manifest.binaryName), source: 'cache' };
  }
  ensureGo(progress);
  const logFile = buildLogFile('otelcol');
  progress(`building the OpenTelemetry Collector from ${manifestFile} (several minutes; log: ${logFile})`);
  const started = Date.now();
  const binary = await buildCollector(cacheRoot, manifest, logFile);
  progress(`built the collector in ${Math.round((Date.now() - started) / 1000)} s`);
  return { path: binary, source: 'built' };
}

export function resolveCollectorBinary(env: StackEnv, progress: BuildProgress): Promise<ResolvedBinary> {
  if (env.OTELCOL_BIN !== undefined) return Promise.resolve(fromEnv('OTELCOL_BIN', env.OTELCOL_BIN));
  const manifestFile = env.OTELCOL_MANIFEST !== undefined ? path.resolve(env.OTELCOL_MANIFEST) : COLLECTOR_MANIFEST;
  return resolveCollector(binaryCacheRoot(env.O11Y_DEMO_CACHE), manifestFile, progress);
}

export async function resolvePrometheusBinaries(
  env: StackEnv,
  progress: BuildProgress,
): Promise<{ prometheus: ResolvedBinary; promtool: ResolvedBinary }> {
  const needBuild = env.PROMETHEUS_BIN === undefined || env.PROMTOOL_BIN === undefined;
  const built = needBuild ? await resolveGoModuleBinaries(PROMETHEUS, binaryCacheRoot(env.O11Y_DEMO_CACHE), progress) : {};
  const prometheus = env.PROMETHEUS_BIN !== undefined ? fromEnv('PROMETHEUS_BIN', env.PROMETHEUS_BIN) : built['prometheus'];
  const promtool = env.PROMTOOL_BIN !== undefined ? fromEnv('PROMTOOL_BIN', env.PROMTOOL_BIN) : built['promtool'];
  if (prometheus === undefined || promtool === undefined) {
    throw new Error('internal: the Prometheus build did not produce prometheus and promtool (see stack/src/versions.ts)');
  }
  return { prometheus, promtool };
}

async function resolveWrapperModuleBinary(spec: WrapperModuleBuild, cacheRoot: string, progress: BuildProgress): Promise<ResolvedBinary> {
  const { goMod, goSum } = wrapperModuleFiles(spec);
  const entryDir = path.join(cacheRoot, cacheEntryName(spec.component, spec.version, manifestHash(goMod + goSum)));
  const binary = path.join(entryDir, spec.binaryName);
  if (cachedBinariesPresent(entryDir, [spec.binaryName])) return { path: binary, source: 'cache' };
  ensureGo(progress);
  const logFile = buildLogFile(spec.component);
  progress(`building ${spec.component} ${spec.displayVersion} from ${spec.wrapperDir} (a few minutes; log: ${logFile})`);
  const started = Date.now();
  await fillCacheEntry(entryDir, (scratchDir) => buildWrapperModule(spec, scratchDir, logFile));
  progress(`built ${spec.component} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { path: binary, source: 'built' };
}

/** Jaeger v2, the trace store, unless the user brings Tempo (then Jaeger is neither built nor run). */
export async function resolveTraceStoreBinary(env: StackEnv, progress: BuildProgress): Promise<Pick<BackendBinaries, 'jaeger' | 'tempo'>> {
  if (env.TEMPO_BIN !== undefined) return { tempo: fromEnv('TEMPO_BIN', env.TEMPO_BIN) };
  if (env.JAEGER_BIN !== undefined) return { jaeger: fromEnv('JAEGER_BIN', env.JAEGER_BIN) };
  return { jaeger: await resolveWrapperModuleBinary(JAEGER, binaryCacheRoot(env.O11Y_DEMO_CACHE), progress) };
}

/** VictoriaLogs, the log store, unless the user brings Quickwit (then VictoriaLogs is neither built nor run). */
export async function resolveLogStoreBinary(env: StackEnv, progress: BuildProgress): Promise<Pick<BackendBinaries, 'victoriaLogs' | 'quickwit'>> {
  if (env.QUICKWIT_BIN !== undefined) return { quickwit: fromEnv('QUICKWIT_BIN', env.QUICKWIT_BIN) };
  if (env.VICTORIALOGS_BIN !== undefined) return { victoriaLogs: fromEnv('VICTORIALOGS_BIN', env.VICTORIALOGS_BIN) };
  return { victoriaLogs: await resolveWrapperModuleBinary(VICTORIA_LOGS, binaryCacheRoot(env.O11Y_DEMO_CACHE), progress) };
}

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
 * cache, and only then a build. Builds run one after another on purpose:
 * each Go build already uses every core, and in parallel they thrash memory.
 */
export async function resolveBackendBinaries(env: StackEnv, progress: BuildProgress): Promise<BackendBinaries> {
  fs.mkdirSync(binaryCacheRoot(env.O11Y_DEMO_CACHE), { recursive: true });
  const otelcol = await resolveCollectorBinary(env, progress);
  const { prometheus, promtool } = await resolvePrometheusBinaries(env, progress);
  const traceStore = await resolveTraceStoreBinary(env, progress);
  const logStore = await resolveLogStoreBinary(env, progress);
  return { otelcol, prometheus, promtool, ...traceStore, ...logStore, ...resolveGrafanaBinary(env) };
}
