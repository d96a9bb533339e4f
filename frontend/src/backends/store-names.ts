import 'server-only';
import { createLogStore, createTraceStore, type Backends } from '@o11y-demo/telemetry-query';
import type { BackendEnv } from './backend-env';

export interface StoreIdentity {
  /** 'jaeger', 'tempo', 'victorialogs', 'quickwit', 'prometheus'; null when unknown. */
  kind: string | null;
  /** What the page calls it. */
  name: string;
}

export interface StoreIdentities {
  traces: StoreIdentity;
  logs: StoreIdentity;
  metrics: StoreIdentity;
}

/**
 * Which stores the page names: the ones found, else the configured kinds
 * (TRACE_STORE / LOG_STORE), else generic words. The names come from the
 * query package's store objects (creating one sends no request), so the page
 * never says Tempo while Jaeger answers.
 */
export function storeIdentities(env: BackendEnv, found: Backends | undefined): StoreIdentities {
  const config = env.config.ok ? env.config.value : {};
  const traceKind = found?.traceStore.kind ?? config.traceStore?.kind;
  const logKind = found?.logStore.kind ?? config.logStore?.kind;
  return {
    traces: traceKind
      ? { kind: traceKind, name: found?.traceStore.displayName ?? createTraceStore(traceKind).displayName }
      : { kind: null, name: 'the trace store' },
    logs: logKind
      ? { kind: logKind, name: found?.logStore.displayName ?? createLogStore(logKind).displayName }
      : { kind: null, name: 'the log store' },
    metrics: { kind: 'prometheus', name: 'Prometheus' },
  };
}
