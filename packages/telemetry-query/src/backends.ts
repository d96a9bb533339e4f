import { z } from 'zod';
import type { Readiness } from './http';
import { DEFAULT_LOG_STORE_URLS, LOG_STORE_KINDS, QuickwitLogStore, createLogStore, type LogStore, type LogStoreKind, type LogStoreOptions } from './log-stores';
import { DEFAULT_PROMETHEUS_URL, createMetricStore, type MetricStore } from './metric-store';
import { DEFAULT_TRACE_STORE_URLS, TRACE_STORE_KINDS, createTraceStore, type StoreOptions, type TraceStore, type TraceStoreKind } from './trace-stores';

/** A store named by kind, by URL, or both; what is left out is found by probing. */
interface StoreChoice<Kind extends string> {
  kind?: Kind | undefined;
  url?: string | undefined;
}

export interface BackendConfig {
  traceStore?: StoreChoice<TraceStoreKind> | undefined;
  logStore?: StoreChoice<LogStoreKind> | undefined;
  prometheusUrl?: string | undefined;
}

export interface Backends {
  traceStore: TraceStore;
  logStore: LogStore;
  metricStore: MetricStore;
}

const httpUrl = (variable: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
      } catch {
        return false;
      }
    }, `${variable} must be an http(s) URL such as ${DEFAULT_PROMETHEUS_URL}`)
    .optional();

const kind = <const K extends readonly [string, ...string[]]>(variable: string, kinds: K) =>
  z.enum(kinds, { error: `${variable} must be one of: ${kinds.join(', ')}` }).optional();

const backendEnvSchema = z.object({
  TRACE_STORE: kind('TRACE_STORE', TRACE_STORE_KINDS),
  TRACE_STORE_URL: httpUrl('TRACE_STORE_URL'),
  LOG_STORE: kind('LOG_STORE', LOG_STORE_KINDS),
  LOG_STORE_URL: httpUrl('LOG_STORE_URL'),
  PROMETHEUS_URL: httpUrl('PROMETHEUS_URL'),
});

/**
 * The backends named by the environment: TRACE_STORE (jaeger|tempo), TRACE_STORE_URL,
 * LOG_STORE (victorialogs|quickwit), LOG_STORE_URL, PROMETHEUS_URL. Unset or empty
 * means "find it". A bad value throws an Error naming every bad variable and what it accepts.
 */
export function readBackendConfig(env: NodeJS.ProcessEnv): BackendConfig {
  const keys = Object.keys(backendEnvSchema.shape);
  const present = Object.fromEntries(keys.flatMap((key) => (env[key] !== undefined && env[key] !== '' ? [[key, env[key]]] : [])));
  const parsed = backendEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return `  ${variable}: ${issue.message} (got "${env[variable]}")`;
    });
    throw new Error(`Invalid backend configuration in the environment:\n${problems.join('\n')}`);
  }
  const { TRACE_STORE, TRACE_STORE_URL, LOG_STORE, LOG_STORE_URL, PROMETHEUS_URL } = parsed.data;
  const config: BackendConfig = {};
  if (TRACE_STORE !== undefined || TRACE_STORE_URL !== undefined) config.traceStore = { kind: TRACE_STORE, url: TRACE_STORE_URL };
  if (LOG_STORE !== undefined || LOG_STORE_URL !== undefined) config.logStore = { kind: LOG_STORE, url: LOG_STORE_URL };
  if (PROMETHEUS_URL !== undefined) config.prometheusUrl = PROMETHEUS_URL;
  return config;
}

interface Probeable {
  readonly displayName: string;
  readonly readinessUrl: string;
  checkReady(signal?: AbortSignal): Promise<Readiness>;
}

/** Probes every candidate at once and takes the first (in preference order) that answers. */
async function firstReady<S extends Probeable>(what: string, variables: string, candidates: S[], signal?: AbortSignal): Promise<S> {
  const results = await Promise.all(candidates.map((candidate) => candidate.checkReady(signal)));
  const index = results.findIndex((result) => result.ready);
  const found = candidates[index];
  if (found !== undefined) return found;
  const tried = candidates.map((candidate, i) => `${candidate.displayName} at ${candidate.readinessUrl} (${results[i]?.detail ?? 'not probed'})`);
  throw new Error(`No ${what} answered. Probed: ${tried.join('; ')}. Start the stack (npm start or docker compose up), or set ${variables}.`);
}

export interface DetectOptions {
  /** Passed to every store created. */
  storeOptions?: StoreOptions;
  logStoreOptions?: LogStoreOptions;
}

/**
 * The stores to read from. A configured kind is taken as is (no probe: it may
 * still be starting). Otherwise each possible kind is probed, at the configured
 * URL or its standard one (@o11y-demo/topology), preferring the native stack's:
 * Jaeger over Tempo, VictoriaLogs over Quickwit. Prometheus needs no
 * choosing. Throws, naming what was probed, when no trace or log store answers.
 */
export async function detectBackends(config: BackendConfig = {}, signal?: AbortSignal, options: DetectOptions = {}): Promise<Backends> {
  const storeOptions = options.storeOptions ?? {};
  const logStoreOptions = { ...storeOptions, ...options.logStoreOptions };

  const traceChoice = config.traceStore ?? {};
  const traceKinds = traceChoice.kind !== undefined ? [traceChoice.kind] : [...TRACE_STORE_KINDS];
  const traceCandidates = traceKinds.map((kind) => createTraceStore(kind, traceChoice.url ?? DEFAULT_TRACE_STORE_URLS[kind], storeOptions));

  const logChoice = config.logStore ?? {};
  const logKinds = logChoice.kind !== undefined ? [logChoice.kind] : [...LOG_STORE_KINDS];
  const logCandidates = logKinds.map((kind) => createLogStore(kind, logChoice.url ?? DEFAULT_LOG_STORE_URLS[kind], logStoreOptions));

  const [traceStore, logStore] = await Promise.allSettled([
    traceCandidates.length === 1 && traceCandidates[0] !== undefined
      ? traceCandidates[0]
      : firstReady('trace store', 'TRACE_STORE / TRACE_STORE_URL', traceCandidates, signal),
    logCandidates.length === 1 && logCandidates[0] !== undefined
      ? logCandidates[0]
      : firstReady('log store', 'LOG_STORE / LOG_STORE_URL', logCandidates, signal),
  ]);
  signal?.throwIfAborted();
  if (traceStore.status === 'rejected' || logStore.status === 'rejected') {
    const reasons: unknown[] = [traceStore, logStore].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    if (reasons.length === 1) throw reasons[0];
    throw new Error(reasons.map((reason) => (reason instanceof Error ? reason.message : String(reason))).join('\n'));
  }

  return {
    traceStore: traceStore.value,
    logStore: await withQuickwitUi(logStore.value, logStoreOptions, signal),
    metricStore: createMetricStore(config.prometheusUrl ?? DEFAULT_PROMETHEUS_URL, storeOptions),
  };
}

/** Quickwit links to its UI only when this Quickwit serves one (the compose image does; a build without the UI assets does not). */
async function withQuickwitUi(store: LogStore, options: LogStoreOptions, signal?: AbortSignal): Promise<LogStore> {
  if (!(store instanceof QuickwitLogStore) || options.hasUi !== undefined) return store;
  const hasUi = await store.probeUi(signal);
  return hasUi ? new QuickwitLogStore(store.baseUrl, { ...options, hasUi }) : store;
}
