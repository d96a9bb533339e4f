import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUN_LOGS_DIR, repoPath } from '../paths';
import type { BuildProgress, BuildStep } from './build-steps';
import { runLoggedCommand } from './logged-command';
import { NEXT_QUIET } from '../run/stack-plan';

/** Directories whose content is build output or dependencies, never a reason to rebuild. */
const NOT_SOURCES = new Set(['node_modules', 'dist', 'esm', '.next', 'out', 'test-results', 'playwright-report']);
/** Files the builds themselves rewrite; counting them would make every start rebuild. */
const BUILD_WRITTEN_FILE = /(\.tsbuildinfo|^next-env\.d\.ts)$/;

function newestSourceMtime(dir: string): number {
  let newest = 0;
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (NOT_SOURCES.has(entry.name)) continue;
      const entryPath = path.join(current, entry.name);
      if (entry.isDirectory()) walk(entryPath);
      else if (entry.isFile() && !BUILD_WRITTEN_FILE.test(entry.name)) newest = Math.max(newest, fs.statSync(entryPath).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

function mtimeOrZero(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

interface AppWorkspace {
  readonly name: string;
  readonly dir: string;
  /** A file the build writes last-ish; older than any source means stale. */
  readonly builtMarker: string;
}

function serviceWorkspace(name: string, relativeDir: string): AppWorkspace {
  const dir = repoPath(relativeDir);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string };
  return { name, dir, builtMarker: path.join(dir, manifest.main ?? 'dist/main.js') };
}

/** In dependency order: the shared packages first. */
function appWorkspaces(): AppWorkspace[] {
  return [
    serviceWorkspace('topology', 'packages/topology'),
    serviceWorkspace('telemetry', 'packages/telemetry'),
    serviceWorkspace('fault-injection', 'packages/fault-injection'),
    serviceWorkspace('scenarios', 'packages/scenarios'),
    serviceWorkspace('service-config', 'packages/service-config'),
    serviceWorkspace('telemetry-query', 'packages/telemetry-query'),
    serviceWorkspace('worker', 'services/worker'),
    serviceWorkspace('node-api', 'services/node-api'),
    { name: 'frontend', dir: repoPath('frontend'), builtMarker: repoPath('frontend', 'dist', 'serve.js') },
  ];
}

function isBuildStale(workspace: AppWorkspace): boolean {
  const built = mtimeOrZero(workspace.builtMarker);
  return built === 0 || newestSourceMtime(workspace.dir) > built;
}

function appBuildStep(workspace: AppWorkspace): BuildStep {
  const logFile = path.join(RUN_LOGS_DIR, `build-${workspace.name}.log`);
  return {
    name: `app-${workspace.name}`,
    title: workspace.name === 'frontend' ? 'the Next.js page (next build)' : `the ${workspace.name} workspace (tsc)`,
    logFile,
    compile: async () => {
      await runLoggedCommand({
        what: `building ${workspace.name}`,
        command: process.platform === 'win32' ? 'npm.cmd' : 'npm',
        args: ['run', 'build'],
        cwd: workspace.dir,
        env: { ...process.env, ...NEXT_QUIET },
        logFile,
      });
      // An incremental `tsc -b` that finds nothing to emit leaves the marker
      // old, while a test or README edit counts as a newer source: without
      // this, such a workspace (and all after it) would rebuild on every start.
      if (fs.existsSync(workspace.builtMarker)) {
        const now = new Date();
        fs.utimesSync(workspace.builtMarker, now, now);
      }
    },
  };
}

/**
 * The builds of the TypeScript services and the Next.js app whose output is
 * missing or older than their sources, so `npm start` after a `git pull`
 * never runs yesterday's code. Once one is stale, every later one is
 * rebuilt too: they come in dependency order, and a service (or the
 * frontend's bundle) built against an older shared package would be stale
 * without a newer source file of its own.
 */
export function staleAppSteps(): BuildStep[] {
  const workspaces = appWorkspaces();
  for (const workspace of workspaces) {
    if (!fs.existsSync(path.join(workspace.dir, 'package.json'))) {
      throw new Error(`${workspace.dir}/package.json is missing: the checkout looks incomplete.`);
    }
  }
  const firstStale = workspaces.findIndex(isBuildStale);
  return firstStale === -1 ? [] : workspaces.slice(firstStale).map(appBuildStep);
}

/** Builds what staleAppSteps finds, one line per workspace. */
export async function buildStaleApps(progress: BuildProgress): Promise<void> {
  for (const step of staleAppSteps()) {
    progress(`building ${step.title} (log: ${step.logFile})`);
    await step.compile();
  }
}
