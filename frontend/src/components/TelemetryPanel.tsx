'use client';

import { useState, type ReactNode } from 'react';
import type { DemoAction } from '../demo/demo-actions';
import type { SignalProgress } from '../panel/completeness';
import { formatSeconds } from '../panel/format';
import { SIGNAL_DEADLINE_MS, type Signal } from '../panel/poll-schedule';
import { useTelemetryPolling, type PollState } from '../panel/use-telemetry-polling';
import type { ReportStore } from '../telemetry-report/telemetry-report';
import { LogLines } from './LogLines';
import { MetricFacts } from './MetricFacts';
import styles from './TelemetryPanel.module.css';
import { TraceLinks } from './TraceLinks';
import { TraceWaterfall } from './TraceWaterfall';

/** The stores' names as the page knows them before the first answer (from the server's configuration). */
export interface StoreNames {
  traces: string;
  logs: string;
  metrics: string;
}

interface Props {
  traceId: string;
  clickedAtUnixMs: number;
  action: DemoAction;
  /** False while the action still runs: its spans end (and are exported) only after it. */
  active: boolean;
  storeNames: StoreNames;
}

const ARRIVAL_WORDS: Record<Signal, string> = { trace: 'trace complete', logs: 'logs', metrics: 'metric' };
const SIGNAL_ROLE: Record<Signal, 'traces' | 'logs' | 'metrics'> = { trace: 'traces', logs: 'logs', metrics: 'metrics' };

function storeName(state: PollState, names: StoreNames, signal: Signal): string {
  const role = SIGNAL_ROLE[signal];
  const fromReport: ReportStore | undefined = state.report?.stores[role];
  return fromReport?.name ?? names[role];
}

/** "complete", "waiting for spans from worker…", "never came within 20 s: ...", "Jaeger unreachable: ...". */
function signalStatus(state: PollState, signal: Signal, name: string): { text: string; tone: 'ok' | 'pending' | 'failed' } {
  const progress: SignalProgress = state.progress[signal];
  const arrived = state.arrivedAfterMs[signal];
  if (progress.complete) return { text: `complete, ${arrived !== undefined ? formatSeconds(arrived) : ''} after the click`, tone: 'ok' };
  const missing = progress.missing.join(', ');
  const unreachable = missing.startsWith('unreachable');
  if (state.overdue.includes(signal)) {
    const waited = `${SIGNAL_DEADLINE_MS[signal] / 1000} s`;
    return {
      text: unreachable ? `${name} ${missing} (gave up after ${waited})` : `never came within ${waited}: ${missing}`,
      tone: 'failed',
    };
  }
  if (state.phase === 'waiting') return { text: 'waiting for the action to finish', tone: 'pending' };
  if (unreachable) return { text: `${name} ${missing}; asking again`, tone: 'failed' };
  return { text: `waiting for ${missing}…`, tone: 'pending' };
}

function ArrivalLine({ state }: { state: PollState }) {
  const parts = (['trace', 'logs', 'metrics'] as const).map((signal, index) => {
    const arrived = state.arrivedAfterMs[signal];
    const value =
      arrived !== undefined
        ? `${formatSeconds(arrived)}${signal === 'trace' ? ' after the click' : ''}`
        : state.overdue.includes(signal)
          ? 'never came'
          : '…';
    return (
      <span key={signal}>
        {index > 0 && ' · '}
        <span data-testid={`arrival-${signal}`} className={arrived !== undefined ? styles.arrived : undefined}>
          {ARRIVAL_WORDS[signal]} {value}
        </span>
      </span>
    );
  });
  return (
    <p className={styles.arrival} data-testid="arrival">
      {parts}
    </p>
  );
}

function SignalSection({
  signal,
  title,
  state,
  names,
  children,
}: {
  signal: Signal;
  title: string;
  state: PollState;
  names: StoreNames;
  children: ReactNode;
}) {
  const name = storeName(state, names, signal);
  const status = signalStatus(state, signal, name);
  return (
    <section className={styles.section} data-testid={`panel-${signal}`} data-complete={state.progress[signal].complete}>
      <header className={styles.sectionHeader}>
        <h4 className={styles.sectionTitle}>
          {title} <span className={styles.store}>· {name}</span>
        </h4>
        <span className={`${styles.signalStatus} ${styles[status.tone]}`} data-testid="signal-status">
          {status.text}
        </span>
      </header>
      {children}
    </section>
  );
}

/**
 * Under a result card: the click's own trace, logs and metrics, read back
 * from the stores that run (through the frontend's /api/telemetry route),
 * filled in as they arrive, with how long each took.
 */
export function TelemetryPanel({ traceId, clickedAtUnixMs, action, active, storeNames }: Props) {
  const state = useTelemetryPolling(traceId, clickedAtUnixMs, action.telemetry, active);
  const [highlighted, setHighlighted] = useState<string>();
  const report = state.report;
  const spans = report?.trace.state === 'answered' ? report.trace.spans : [];
  const logs = report?.logs.state === 'answered' ? report.logs : undefined;
  const metrics = report?.metrics.state === 'answered' ? report.metrics : undefined;

  return (
    <div className={styles.panel} data-testid="telemetry-panel" data-phase={state.phase}>
      <TraceLinks links={report?.links ?? []} />
      <ArrivalLine state={state} />
      {state.routeError && (
        <p className={styles.routeError} data-testid="route-error">
          {state.routeError}
        </p>
      )}

      <SignalSection signal="trace" title="Trace" state={state} names={storeNames}>
        {spans.length > 0 && <TraceWaterfall spans={spans} highlightedSpanId={highlighted} onHighlight={setHighlighted} />}
      </SignalSection>

      <SignalSection signal="logs" title="Logs" state={state} names={storeNames}>
        {logs && logs.records.length > 0 && (
          <LogLines records={logs.records} spans={spans} highlightedSpanId={highlighted} onHighlight={setHighlighted} />
        )}
        {logs?.truncated && <p className={styles.note}>Only the first {logs.records.length} lines are shown.</p>}
      </SignalSection>

      <SignalSection signal="metrics" title="Metrics" state={state} names={storeNames}>
        {metrics && <MetricFacts exemplar={metrics.exemplar} counter={metrics.counter} />}
      </SignalSection>
    </div>
  );
}
