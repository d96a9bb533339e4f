import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackEnv } from '../env';
import { RUN_LOGS_DIR, binaryCacheRoot } from '../paths';
import { PROMETHEUS } from '../versions';
import type { PlannedBinaries, ResolvedBinary } from './backend-binaries';
import { cacheEntryName, fillCacheEntry, manifestHash } from './binary-cache';
import { applyRepoPatch, downloadVerifiedModule, makeTreeWritable, readBuildInput } from './go-module-build';
import { runLoggedCommand } from './logged-command';

/**
 * Prometheus built without the `builtinassets` tag reads its UI from
 * `static/` under its working directory (web/ui/ui.go; `web/ui/static/` when
 * that directory is named "prometheus"). The cache entry is laid out that way,
 * and the stack runs Prometheus with the entry as its working directory.
 */
const INDEX_FILE = path.join('static', 'mantine-ui', 'index.html');

/** Upstream's build order (web/ui/build_ui.sh): the app imports both modules' built output. */
const PACKAGES_IN_BUILD_ORDER = ['@prometheus-io/lezer-promql', '@prometheus-io/codemirror-promql', '@prometheus-io/mantine-ui'];

const STEP_NAME = 'prometheus-ui';

/**
 * The query page's graph draws exemplars (upstream's ignores its "Show
 * exemplars" switch); the patch's header says what it changes.
 */
const UI_PATCH = 'prometheus/build/ui-show-exemplars.patch';
const LOG_FILE = path.join(RUN_LOGS_DIR, `build-${STEP_NAME}.log`);

/**
 * Writes a `pnpm` into `binDir` that runs the pnpm this repository pins
 * (stack/package.json; 11.x does not run on Node 20) with this Node: upstream's
 * package scripts call `pnpm` by name. Its package exports only package.json,
 * so the CLI is found through the manifest's `bin`.
 */
function pinnedPnpm(binDir: string): string {
  const manifestFile = require.resolve('pnpm');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { bin: { pnpm: string } };
  const cli = path.join(path.dirname(manifestFile), manifest.bin.pnpm);
  fs.mkdirSync(binDir, { recursive: true });
  const shim = path.join(binDir, 'pnpm');
  fs.writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} "$@"\n`, { mode: 0o755 });
  return shim;
}

/** A rename, or a copy where the work directory is on another file system than the cache. */
function moveDirectory(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true });
  }
}

function logLine(line: string): void {
  fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  fs.appendFileSync(LOG_FILE, `\n${line}\n`);
}

function seconds(startedMs: number): string {
  return `${((Date.now() - startedMs) / 1000).toFixed(1)} s`;
}

/**
 * A writable copy of the module's web/ui next to the cache entry, with
 * upstream's packages installed from upstream's lockfile (`--frozen-lockfile`:
 * nothing is resolved anew).
 */
class PrometheusUiWork {
  private readonly uiDir: string;
  private readonly pnpm: string;

  constructor(private readonly workDir: string) {
    this.uiDir = path.join(workDir, 'ui');
    this.pnpm = path.join(workDir, 'bin', 'pnpm');
  }

  async fetch(): Promise<void> {
    // A work dir left by an interrupted build is stale.
    this.remove();
    const sourceDir = await downloadVerifiedModule({ module: PROMETHEUS.module, version: PROMETHEUS.version }, LOG_FILE);
    // The old react-app is outside the pnpm workspace and never served (no --web.use-old-ui).
    fs.cpSync(path.join(sourceDir, 'web', 'ui'), this.uiDir, {
      recursive: true,
      filter: (source) => path.basename(source) !== 'react-app',
    });
    makeTreeWritable(this.uiDir);
    await applyRepoPatch(UI_PATCH, this.uiDir, `the Prometheus ${PROMETHEUS.displayVersion} web UI`, LOG_FILE);
    pinnedPnpm(path.dirname(this.pnpm));
    const started = Date.now();
    await this.run('installing the Prometheus UI packages (pnpm install --frozen-lockfile)', ['install', '--frozen-lockfile']);
    logLine(`pnpm install took ${seconds(started)}`);
  }

  /** Builds the modules and the app as upstream's build_ui.sh does, into `<outputDir>/static/mantine-ui`. */
  async compile(outputDir: string): Promise<void> {
    const started = Date.now();
    for (const name of PACKAGES_IN_BUILD_ORDER) await this.run(`building ${name}`, ['--filter', name, 'run', 'build']);
    logLine(`pnpm builds took ${seconds(started)}`);
    fs.mkdirSync(path.join(outputDir, 'static'), { recursive: true });
    moveDirectory(path.join(this.uiDir, 'mantine-ui', 'dist'), path.join(outputDir, 'static', 'mantine-ui'));
    if (!fs.existsSync(path.join(outputDir, INDEX_FILE))) {
      throw new Error(`the Prometheus UI build produced no ${INDEX_FILE} (log: ${LOG_FILE})`);
    }
  }

  remove(): void {
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }

  private run(what: string, args: string[]): Promise<string> {
    const env = { ...process.env, PATH: `${path.dirname(this.pnpm)}${path.delimiter}${process.env['PATH'] ?? ''}`, CI: 'true' };
    return runLoggedCommand({ what, command: this.pnpm, args, cwd: this.uiDir, env, logFile: LOG_FILE });
  }
}

/**
 * The directory Prometheus runs in so that it serves its web UI: a cache entry
 * of its own, built from the same module source as the binary and keyed by
 * the Prometheus version and the hash of the patch applied to it. Also with
 * PROMETHEUS_BIN (npm test passes the stack's own build that way): a release
 * binary has the UI compiled in and ignores it.
 */
export function planPrometheusUi(env: StackEnv): PlannedBinaries<{ prometheusUi: ResolvedBinary }> {
  const patchHash = manifestHash(readBuildInput(UI_PATCH, 'the Prometheus web UI'));
  const entryDir = path.join(binaryCacheRoot(env.O11Y_DEMO_CACHE), cacheEntryName(STEP_NAME, PROMETHEUS.version, patchHash));
  if (fs.existsSync(path.join(entryDir, INDEX_FILE))) return { value: { prometheusUi: { path: entryDir, source: 'cache' } } };
  const work = new PrometheusUiWork(`${entryDir}.work`);
  return {
    value: { prometheusUi: { path: entryDir, source: 'built' } },
    step: {
      name: STEP_NAME,
      title: `the Prometheus ${PROMETHEUS.displayVersion} web UI (pnpm, from the module's web/ui)`,
      logFile: LOG_FILE,
      fetch: () => work.fetch(),
      compile: async () => {
        try {
          await fillCacheEntry(entryDir, (scratchDir) => work.compile(scratchDir));
        } finally {
          work.remove();
        }
      },
    },
  };
}
