import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** The variable a user sets to bring their own binary, keyed to the name `cli build` prints. */
const BUILD_NAMES: Record<string, string> = {
  OTELCOL_BIN: 'otelcol',
  PROMETHEUS_BIN: 'prometheus',
  PROMTOOL_BIN: 'promtool',
  JAEGER_BIN: 'jaeger',
  VICTORIALOGS_BIN: 'victoria-logs',
  /** The directory Prometheus runs in to serve its web UI. */
  PROMETHEUS_UI_DIR: 'prometheus-ui',
};

let built: Record<string, string> | undefined;

/**
 * Asks the native stack's build step where the binaries are (building what is
 * missing, a cache hit after `npm test`'s build step), so the checks run the
 * very binaries the stack runs.
 */
function builtBinaries(): Record<string, string> {
  if (built) return built;
  const listing = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['stack/src/cli.ts', 'build'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  built = Object.fromEntries(listing.split('\n').map((line) => line.trim().split(/\s+/)).filter((cols) => cols.length >= 2).map(([name, path]) => [name!, path!]));
  return built;
}

/** The binary a config check runs: `variable` when set, otherwise the stack's own build. */
export function requireBinary(variable: string): string {
  const given = process.env[variable]?.trim();
  const path = given || builtBinaries()[BUILD_NAMES[variable] ?? ''];
  assert.ok(path, `no binary for ${variable}: set ${variable}, or build the backends with \`npx tsx stack/src/cli.ts build\``);
  assert.ok(existsSync(path), `${variable}=${path} does not exist: fix the path, or unset it to use the stack's build`);
  return path;
}
