import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { repoPath } from '../paths';
import type { GoModuleBuild, WrapperModuleBuild } from '../versions';
import { goBuildEnv } from './go-toolchain';
import { runLoggedCommand } from './logged-command';

const moduleDownloadSchema = z.object({
  Dir: z.string().optional(),
  Sum: z.string().optional(),
  Error: z.string().optional(),
});

function sumDbBypass(spec: GoModuleBuild): Record<string, string> {
  return spec.pinnedSum === undefined ? {} : { GONOSUMDB: spec.module };
}

export interface ModuleToDownload {
  readonly module: string;
  readonly version: string;
  /** When set, the checksum database is bypassed for this module and this hash is required instead. */
  readonly pinnedSum?: string;
}

/**
 * Downloads a module into the module cache and, when the checksum database
 * cannot vouch for it, checks it against our pin. Returns the read-only
 * module cache directory.
 */
export async function downloadVerifiedModule(target: ModuleToDownload, logFile: string): Promise<string> {
  const output = await runLoggedCommand({
    what: `downloading ${target.module}@${target.version}`,
    command: 'go',
    args: ['mod', 'download', '-json', `${target.module}@${target.version}`],
    // A neutral directory so a go.mod in the user's cwd cannot influence resolution.
    cwd: os.tmpdir(),
    env: goBuildEnv(target.pinnedSum === undefined ? {} : { GONOSUMDB: target.module }),
    logFile,
  });
  const info = moduleDownloadSchema.parse(JSON.parse(output));
  if (info.Error !== undefined || info.Dir === undefined) {
    throw new Error(`go mod download ${target.module}@${target.version} failed: ${info.Error ?? 'no Dir in output'} (log: ${logFile})`);
  }
  if (target.pinnedSum !== undefined && info.Sum !== target.pinnedSum) {
    throw new Error(
      `Refusing to build: the module proxy served ${target.module}@${target.version} with hash ${info.Sum ?? '(none)'}, ` +
        `but stack/src/versions.ts pins ${target.pinnedSum}. The download may have been tampered with; ` +
        'clear it with `go clean -modcache` and retry, or update the pin only if you verified the new hash.',
    );
  }
  return info.Dir;
}

export function makeTreeWritable(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const entryPath = path.join(entry.parentPath, entry.name);
    const mode = fs.lstatSync(entryPath).mode;
    if (!entry.isSymbolicLink()) fs.chmodSync(entryPath, mode | 0o200);
  }
  fs.chmodSync(dir, fs.statSync(dir).mode | 0o200);
}

/**
 * Prometheus carries replace directives in their go.mod, which
 * `go install module@version` refuses. Building inside a writable copy of the
 * module source honours them, exactly as their own Makefiles do.
 *
 * The download half: the module source, copied to a writable directory with
 * the spec's patches applied, and every module the binaries import
 * (`go list -deps` with the build's tags downloads exactly those, not the
 * whole graph). Returns the copy, which compileGoModule builds and removes.
 */
export async function fetchGoModule(spec: GoModuleBuild, logFile: string): Promise<string> {
  const sourceDir = await downloadVerifiedModule(
    { module: spec.module, version: spec.version, ...(spec.pinnedSum !== undefined && { pinnedSum: spec.pinnedSum }) },
    logFile,
  );
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `o11y-demo-${spec.component}-src-`));
  try {
    fs.cpSync(sourceDir, workDir, { recursive: true });
    makeTreeWritable(workDir);
    for (const patch of spec.patches ?? []) await applyRepoPatch(patch, workDir, `${spec.module}@${spec.version}`, logFile);
    await runLoggedCommand({
      what: `downloading the modules ${spec.component} imports`,
      command: 'go',
      args: ['list', '-deps', ...tagFlags(spec.buildTags), '-f', '{{if not .Standard}}{{.ImportPath}}{{end}}', ...Object.values(spec.binaries)],
      cwd: workDir,
      env: goBuildEnv(sumDbBypass(spec)),
      logFile,
    });
    return workDir;
  } catch (error) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `git apply` works outside a repository; the ceiling keeps it from finding
 * one above the copy (a TMPDIR inside a work tree) and patching paths there.
 */
export async function applyRepoPatch(patch: string, workDir: string, target: string, logFile: string): Promise<void> {
  await runLoggedCommand({
    what: `applying ${patch} to ${target} (a patch that no longer applies is carried to the new version as its header says)`,
    command: 'git',
    args: ['apply', '--verbose', repoPath(patch)],
    cwd: workDir,
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(workDir) },
    logFile,
  });
}

/** The compile half: builds every binary of the spec from fetchGoModule's copy into outputDir, then removes the copy. */
export async function compileGoModule(spec: GoModuleBuild, workDir: string, outputDir: string, logFile: string): Promise<void> {
  try {
    const ldflags = linkerFlags(spec.versionVariables);
    for (const [binaryName, packagePath] of Object.entries(spec.binaries)) {
      await runLoggedCommand({
        what: `building ${binaryName} (${spec.module}@${spec.version})`,
        command: 'go',
        args: ['build', '-trimpath', ...tagFlags(spec.buildTags), `-ldflags=${ldflags}`, '-o', path.join(outputDir, binaryName), packagePath],
        cwd: workDir,
        env: goBuildEnv(sumDbBypass(spec)),
        logFile,
      });
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

function tagFlags(tags: readonly string[]): string[] {
  return tags.length === 0 ? [] : [`-tags=${tags.join(',')}`];
}

function linkerFlags(versionVariables: Readonly<Record<string, string>>): string {
  const versionFlags = Object.entries(versionVariables).map(([name, value]) => `-X ${name}=${value}`);
  return ['-s', '-w', ...versionFlags].join(' ');
}

/** The wrapper's go.mod and go.sum: a change to either means a new build. */
export function wrapperModuleFiles(spec: WrapperModuleBuild): { goMod: string; goSum: string } {
  return { goMod: readBuildInput(path.join(spec.wrapperDir, 'go.mod'), spec.component), goSum: readBuildInput(path.join(spec.wrapperDir, 'go.sum'), spec.component) };
}

/** A committed file a build starts from (repository path), or an error that says how to get it back. */
export function readBuildInput(repoRelativePath: string, component: string): string {
  const file = repoPath(repoRelativePath);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing, so ${component} cannot be built. Restore it from git.`);
  return fs.readFileSync(file, 'utf8');
}

/**
 * -mod=readonly: a go.sum that lacks an entry fails the build instead of
 * being completed from the network. CGO off: both backends are pure Go, and
 * VictoriaLogs would otherwise compile its C zstd library.
 */
function wrapperBuildEnv(): NodeJS.ProcessEnv {
  return { ...goBuildEnv({ GOFLAGS: '-mod=readonly' }), CGO_ENABLED: '0' };
}

/** The download half of a wrapper module build: every module the binary imports, with the build's own settings. */
export async function fetchWrapperModule(spec: WrapperModuleBuild, logFile: string): Promise<void> {
  wrapperModuleFiles(spec);
  await runLoggedCommand({
    what: `downloading the modules ${spec.component} imports`,
    command: 'go',
    args: ['list', '-deps', '-f', '{{if not .Standard}}{{.ImportPath}}{{end}}', spec.packagePath],
    cwd: repoPath(spec.wrapperDir),
    env: wrapperBuildEnv(),
    logFile,
  });
}

/** Builds a backend from its committed wrapper module (see WrapperModuleBuild). */
export async function compileWrapperModule(spec: WrapperModuleBuild, outputDir: string, logFile: string): Promise<void> {
  wrapperModuleFiles(spec);
  await runLoggedCommand({
    what: `building ${spec.binaryName} (${spec.module}@${spec.version})`,
    command: 'go',
    args: ['build', '-trimpath', `-ldflags=${linkerFlags(spec.versionVariables)}`, '-o', path.join(outputDir, spec.binaryName), spec.packagePath],
    cwd: repoPath(spec.wrapperDir),
    env: wrapperBuildEnv(),
    logFile,
  });
}
