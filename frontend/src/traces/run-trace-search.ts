import 'server-only';
import type { TraceSummary } from '@o11y-demo/telemetry-query';
import { readBackendEnv } from '../backends/backend-env';
import { findBackends } from '../backends/find-backends';
import { storeIdentities } from '../backends/store-names';
import { untraced } from '../backends/untraced';
import { toTraceQuery, type TraceSearchParams } from './search-params';

/** A search, the store's own query included, answers within this or says so. */
const SEARCH_DEADLINE_MS = 3_000;

/** What the page and GET /api/traces show of one search. */
export type TraceSearchAnswer =
  | {
      state: 'answered';
      /** 'Jaeger' or 'Tempo'. */
      store: string;
      traces: TraceSummary[];
      /** The store's own query (Jaeger: the API URL; Tempo: the TraceQL), for a person to read. */
      storeQuery: string;
      /** Set when attribute or error filters were applied by the page to Jaeger's newest `scanned` traces. */
      filteredHere: { scanned: number; searchDepth: number } | null;
      window: { startUnixMs: number; endUnixMs: number };
      tookMs: number;
    }
  | { state: 'unreachable'; store: string; error: string; tookMs: number };

function describe(error: unknown, deadline: AbortSignal): string {
  if (deadline.aborted) return `no answer within ${SEARCH_DEADLINE_MS / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one validated search on the trace store that runs, untraced (the
 * page's reads are not the demo's traffic) and within SEARCH_DEADLINE_MS.
 * Never throws: a store that is down becomes `unreachable` with its reason.
 */
export async function runTraceSearch(params: TraceSearchParams, requestSignal?: AbortSignal): Promise<TraceSearchAnswer> {
  const started = Date.now();
  const timeout = AbortSignal.timeout(SEARCH_DEADLINE_MS);
  const deadline = requestSignal ? AbortSignal.any([requestSignal, timeout]) : timeout;
  const env = readBackendEnv();
  return untraced(async () => {
    const found = await findBackends(env);
    const store = storeIdentities(env, found.ok ? found.backends : undefined).traces.name;
    if (!found.ok) return { state: 'unreachable', store, error: found.error, tookMs: Date.now() - started };
    const query = toTraceQuery(params, started);
    try {
      const result = await found.backends.traceStore.searchTraces(query, deadline);
      return {
        state: 'answered',
        store,
        traces: result.traces,
        storeQuery: result.storeQuery,
        filteredHere: result.filteredHere ?? null,
        window: { startUnixMs: query.startUnixMs, endUnixMs: query.endUnixMs },
        tookMs: Date.now() - started,
      };
    } catch (error) {
      return { state: 'unreachable', store, error: describe(error, deadline), tookMs: Date.now() - started };
    }
  });
}

/** The services and, for one service, the operations the store knows, for the form; empty when it does not answer. */
export async function readSearchChoices(service: string | undefined): Promise<{ services: string[]; operations: string[] }> {
  const env = readBackendEnv();
  return untraced(async () => {
    const found = await findBackends(env);
    if (!found.ok) return { services: [], operations: [] };
    const signal = AbortSignal.timeout(SEARCH_DEADLINE_MS);
    const store = found.backends.traceStore;
    const [services, operations] = await Promise.all([
      store.listServices(signal).catch(() => []),
      service ? store.listOperations(service, signal).catch(() => []) : Promise.resolve([]),
    ]);
    return { services, operations };
  });
}

/** One service's operations, for the form when the service changes. */
export async function readOperations(service: string, requestSignal?: AbortSignal): Promise<string[]> {
  const env = readBackendEnv();
  return untraced(async () => {
    const found = await findBackends(env);
    if (!found.ok) throw new Error(found.error);
    const timeout = AbortSignal.timeout(SEARCH_DEADLINE_MS);
    return found.backends.traceStore.listOperations(service, requestSignal ? AbortSignal.any([requestSignal, timeout]) : timeout);
  });
}
