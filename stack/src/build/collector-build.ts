import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { COLLECTOR_BUILDER, COLLECTOR_SUMDB_MISSING_PINS, type PinnedModule } from '../versions';
import { cacheEntryName, cachedBinariesPresent, fillCacheEntry, manifestHash } from './binary-cache';
import { goBuildEnv } from './go-toolchain';
import { downloadVerifiedModule } from './go-module-build';
import { BuildFailedError, runLoggedCommand } from './logged-command';

export interface CollectorManifest {
  readonly file: string;
  readonly text: string;
  /** `dist.name`: the file name the builder gives the binary. */
  readonly binaryName: string;
  /** Every `gomod:` entry as [module, version]. */
  readonly modules: ReadonlyArray<readonly [string, string]>;
}

/** Pulls `module version` pairs out of every component list (receivers, exporters, ...). */
function listManifestModules(document: ReturnType<typeof parseDocument>): Array<[string, string]> {
  const modules: Array<[string, string]> = [];
  const root: unknown = document.toJS();
  if (typeof root !== 'object' || root === null) return modules;
  for (const section of Object.values(root)) {
    if (!Array.isArray(section)) continue;
    for (const entry of section) {
      const gomod: unknown = (entry as { gomod?: unknown } | null)?.gomod;
      if (typeof gomod !== 'string') continue;
      const [module, version] = gomod.trim().split(/\s+/);
      if (module !== undefined && version !== undefined) modules.push([module, version]);
    }
  }
  return modules;
}

export function readCollectorManifest(file: string): CollectorManifest {
  if (!fs.existsSync(file)) {
    throw new Error(`The collector manifest ${file} does not exist, so the collector cannot be built. Set OTELCOL_BIN to use a collector you already have.`);
  }
  const text = fs.readFileSync(file, 'utf8');
  const document = parseDocument(text);
  const name: unknown = document.getIn(['dist', 'name']);
  // The builder's own default when dist.name is absent.
  const binaryName = typeof name === 'string' && name !== '' ? name : 'otelcol-custom';
  return { file, text, binaryName, modules: listManifestModules(document) };
}

/** The cache entry is keyed by the builder version and the manifest's content. */
export function collectorCacheEntry(cacheRoot: string, manifest: CollectorManifest): string {
  return path.join(cacheRoot, cacheEntryName('otelcol', COLLECTOR_BUILDER.version, manifestHash(manifest.text)));
}

/** Installs the pinned OpenTelemetry Collector Builder (ocb) into the cache once. */
async function ensureCollectorBuilder(cacheRoot: string, logFile: string): Promise<string> {
  const entryDir = path.join(cacheRoot, cacheEntryName('ocb', COLLECTOR_BUILDER.version));
  if (!cachedBinariesPresent(entryDir, ['builder'])) {
    await fillCacheEntry(entryDir, async (scratchDir) => {
      await runLoggedCommand({
        what: `installing the OpenTelemetry Collector Builder ${COLLECTOR_BUILDER.version}`,
        command: 'go',
        args: ['install', `${COLLECTOR_BUILDER.module}@${COLLECTOR_BUILDER.version}`],
        cwd: os.tmpdir(),
        env: goBuildEnv({ GOBIN: scratchDir }),
        logFile,
      });
    });
  }
  return path.join(entryDir, 'builder');
}

/**
 * The builder has no --output-path flag, so it gets a generated copy of the
 * manifest whose dist.output_path points into a scratch directory; the
 * manifest in collector/ stays the single source of truth for components.
 */
function writeManifestCopy(manifest: CollectorManifest, outputPath: string, copyFile: string): void {
  const document = parseDocument(manifest.text);
  document.setIn(['dist', 'output_path'], outputPath);
  fs.writeFileSync(copyFile, document.toString());
}

/** The pins that apply to this manifest: same module and same version. */
export function pinsForManifest(manifest: CollectorManifest, pins: readonly PinnedModule[] = COLLECTOR_SUMDB_MISSING_PINS): PinnedModule[] {
  return pins.filter((pin) => manifest.modules.some(([module, version]) => module === pin.module && version === pin.version));
}

/** A missing checksum-database entry deserves a hint, not just Go's 404. */
function explainSumDbGap(error: unknown): unknown {
  if (!(error instanceof BuildFailedError) || !/sumdb.*404 Not Found/.test(error.logTail)) return error;
  return new Error(
    `${error.message}\n\nThe Go checksum database has no entry for a module the manifest asks for (see the 404 above). ` +
      'Pick a version it knows, or, if you trust the module proxy, record the module\'s hash in COLLECTOR_SUMDB_MISSING_PINS in stack/src/versions.ts ' +
      '(`GONOSUMDB=<module> go mod download -json <module>@<version>` prints it as "Sum").',
  );
}

/** What fetchCollector leaves for compileCollector: the generated sources, their modules downloaded. */
export interface FetchedCollector {
  readonly builder: string;
  readonly workDir: string;
  readonly manifestCopy: string;
  readonly generatedSources: string;
  readonly env: NodeJS.ProcessEnv;
}

function runBuilder(manifest: CollectorManifest, work: FetchedCollector, flags: string[], what: string, logFile: string): Promise<string> {
  return runLoggedCommand({
    what,
    command: work.builder,
    args: ['--config', work.manifestCopy, ...flags],
    // Relative paths in the manifest (if any) stay relative to collector/.
    cwd: path.dirname(manifest.file),
    env: work.env,
    logFile,
  }).catch((error: unknown) => {
    throw explainSumDbGap(error);
  });
}

/**
 * The download half: the builder itself (a small compile, once per builder
 * version), the pinned modules, and the builder's generate and get-modules
 * steps (`--skip-compilation`), which download every component module.
 */
export async function fetchCollector(cacheRoot: string, manifest: CollectorManifest, logFile: string): Promise<FetchedCollector> {
  const builder = await ensureCollectorBuilder(cacheRoot, logFile);
  const pins = pinsForManifest(manifest);
  for (const pin of pins) await downloadVerifiedModule({ module: pin.module, version: pin.version, pinnedSum: pin.sum }, logFile);
  const sumDbBypass: Record<string, string> = pins.length === 0 ? {} : { GONOSUMDB: pins.map((pin) => pin.module).join(',') };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-demo-otelcol-'));
  const work = {
    builder,
    workDir,
    manifestCopy: path.join(workDir, 'builder-config.yaml'),
    generatedSources: path.join(workDir, 'dist'),
    env: goBuildEnv(sumDbBypass),
  };
  try {
    writeManifestCopy(manifest, work.generatedSources, work.manifestCopy);
    await runBuilder(manifest, work, ['--skip-compilation'], 'generating the collector sources and downloading its modules', logFile);
    return work;
  } catch (error) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

/** The compile half: the builder compiles the generated sources; the binary goes into the cache entry. */
export async function compileCollector(cacheRoot: string, manifest: CollectorManifest, work: FetchedCollector, logFile: string): Promise<string> {
  const entryDir = collectorCacheEntry(cacheRoot, manifest);
  try {
    await fillCacheEntry(entryDir, async (scratchDir) => {
      await runBuilder(manifest, work, ['--skip-generate', '--skip-get-modules', '--ldflags=-s -w'], 'building the OpenTelemetry Collector', logFile);
      fs.copyFileSync(path.join(work.generatedSources, manifest.binaryName), path.join(scratchDir, manifest.binaryName));
      fs.chmodSync(path.join(scratchDir, manifest.binaryName), 0o755);
    });
  } finally {
    fs.rmSync(work.workDir, { recursive: true, force: true });
  }
  return path.join(entryDir, manifest.binaryName);
}
