import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root: stack/src/ is two levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Everything the native stack writes at run time (gitignored). */
const RUN_DIR = path.join(REPO_ROOT, '.run');
export const RUN_LOGS_DIR = path.join(RUN_DIR, 'logs');
export const RUN_DATA_DIR = path.join(RUN_DIR, 'data');
export const STACK_STATE_FILE = path.join(RUN_DIR, 'stack.json');

export function binaryCacheRoot(cacheDirOverride: string | undefined): string {
  const base = cacheDirOverride ?? path.join(os.homedir(), '.cache', 'o11y-demo');
  return path.join(base, 'bin');
}

export function repoPath(...segments: string[]): string {
  return path.join(REPO_ROOT, ...segments);
}
