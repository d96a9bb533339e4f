import 'server-only';
import { detectBackends, type Backends } from '@o11y-demo/telemetry-query';
import { readBackendEnv, type BackendEnv } from './backend-env';

/**
 * Short bounds: the telemetry route answers within 3 s overall, and a page
 * render must not wait long for a backend that is down.
 */
const STORE_OPTIONS = { timeoutMs: 2_500, probeTimeoutMs: 1_000 } as const;

/** A configured kind needs no probing, so its stores are remembered longer than a failed search. */
const REMEMBER_FOUND_MS = 30_000;
const REMEMBER_MISSING_MS = 3_000;
const DETECT_TIMEOUT_MS = 2_500;

export type FoundBackends = { ok: true; backends: Backends } | { ok: false; error: string };

interface Remembered {
  key: string;
  expiresAt: number;
  result: Promise<FoundBackends>;
}

let remembered: Remembered | undefined;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The trace, log and metric stores the environment names (TRACE_STORE, ...),
 * or, where it names none, whichever answers (Jaeger before Tempo,
 * VictoriaLogs before Quickwit): @o11y-demo/telemetry-query decides. The
 * answer is shared by concurrent callers and remembered for a while, so the
 * panel's polls do not probe on every request.
 */
export function findBackends(env: BackendEnv = readBackendEnv()): Promise<FoundBackends> {
  if (!env.config.ok) return Promise.resolve({ ok: false, error: env.config.error });
  const key = JSON.stringify(env.config.value);
  const now = Date.now();
  if (remembered && remembered.key === key && now < remembered.expiresAt) return remembered.result;

  // Its own deadline, not a caller's signal: one caller giving up must not
  // fail the search for the others sharing it.
  const result = detectBackends(env.config.value, AbortSignal.timeout(DETECT_TIMEOUT_MS), { storeOptions: STORE_OPTIONS }).then(
    (backends): FoundBackends => ({ ok: true, backends }),
    (error: unknown): FoundBackends => ({ ok: false, error: describe(error) }),
  );
  const entry: Remembered = { key, expiresAt: Number.POSITIVE_INFINITY, result };
  remembered = entry;
  void result.then((found) => {
    entry.expiresAt = Date.now() + (found.ok ? REMEMBER_FOUND_MS : REMEMBER_MISSING_MS);
  });
  return result;
}
