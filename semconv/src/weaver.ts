import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './registry';

/** Where the tests look for Weaver when WEAVER_BIN is not set: the shared copy beside the repository. */
const SHARED_WEAVER = join(repoRoot, '..', 'shared', 'weaver', 'weaver');

/**
 * WEAVER_BIN when set, else ../shared/weaver/weaver, else undefined (the
 * checks that need it are then skipped, with `weaverSkipReason` as message).
 * Weaver is on no package registry (shared/weaver/README.md).
 */
export function weaverBinary(): string | undefined {
  const given = process.env['WEAVER_BIN']?.trim();
  if (given) return existsSync(given) ? given : undefined;
  return existsSync(SHARED_WEAVER) ? SHARED_WEAVER : undefined;
}

export function weaverSkipReason(): string {
  const given = process.env['WEAVER_BIN']?.trim();
  return given
    ? `WEAVER_BIN=${given} does not exist`
    : `no Weaver binary: set WEAVER_BIN to OpenTelemetry Weaver 0.25.1 (the check looks for ${SHARED_WEAVER} otherwise)`;
}
