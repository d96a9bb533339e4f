import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Cache directory name for one build: `<component>-<version>[-<manifest hash>]`.
 * The manifest hash makes a changed collector manifest produce a new build
 * instead of silently reusing a binary without the new components.
 */
export function cacheEntryName(component: string, version: string, manifestHash?: string): string {
  const safeVersion = version.replace(/[^A-Za-z0-9._-]/g, '_');
  return manifestHash === undefined ? `${component}-${safeVersion}` : `${component}-${safeVersion}-${manifestHash}`;
}

/** Short, stable hash of a manifest's bytes (line endings normalised so a Windows checkout hashes the same). */
export function manifestHash(manifestText: string): string {
  return createHash('sha256').update(manifestText.replace(/\r\n/g, '\n')).digest('hex').slice(0, 12);
}

export function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function cachedBinariesPresent(entryDir: string, binaryNames: readonly string[]): boolean {
  return binaryNames.every((name) => isExecutableFile(path.join(entryDir, name)));
}

/**
 * Builds into a scratch directory next to the entry and renames it into place
 * only when the build succeeded, so an interrupted build never leaves a cache
 * entry that looks complete.
 */
export async function fillCacheEntry(entryDir: string, build: (scratchDir: string) => Promise<void>): Promise<void> {
  const scratchDir = `${entryDir}.partial-${process.pid}`;
  fs.rmSync(scratchDir, { recursive: true, force: true });
  fs.mkdirSync(scratchDir, { recursive: true });
  try {
    await build(scratchDir);
    fs.rmSync(entryDir, { recursive: true, force: true });
    fs.renameSync(scratchDir, entryDir);
  } catch (error) {
    fs.rmSync(scratchDir, { recursive: true, force: true });
    throw error;
  }
}
