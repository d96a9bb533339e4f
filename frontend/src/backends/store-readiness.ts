import 'server-only';
import type { Backends } from '@o11y-demo/telemetry-query';
import { untraced } from './untraced';

export interface StoreReadiness {
  traces: boolean;
  logs: boolean;
  metrics: boolean;
}

/** Shared by the page renders of a few seconds, so a reload does not probe three backends again. */
const REMEMBER_MS = 10_000;

let remembered: { backends: Backends; expiresAt: number; readiness: Promise<StoreReadiness> } | undefined;

/**
 * Whether each store answers its readiness probe now. The page links to a
 * store only when it does: a link to a backend that is down is a dead link.
 */
export function storeReadiness(backends: Backends): Promise<StoreReadiness> {
  const now = Date.now();
  if (remembered && remembered.backends === backends && now < remembered.expiresAt) return remembered.readiness;
  const readiness = untraced(async () => {
    const [traces, logs, metrics] = await Promise.all([
      backends.traceStore.isReady(),
      backends.logStore.isReady(),
      backends.metricStore.isReady(),
    ]);
    return { traces, logs, metrics };
  });
  remembered = { backends, expiresAt: now + REMEMBER_MS, readiness };
  return readiness;
}
