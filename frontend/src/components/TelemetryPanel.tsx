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

/** What each arrival time may say at its longest: its slot is that wide from the start (see .arrivalPart). */
function longestArrival(signal: Signal): string {
  const latest = `${formatSeconds(SIGNAL_DEADLINE_MS[signal])}${signal === 'trace' ? ' after the click' : ''}`;
  const never = 'never came';
  return `${ARRIVAL_WORDS[signal]} ${latest.length > never.length ? latest : never}`;
}

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
        {/* A slot as wide as its longest text: "…" becoming "1.0 s after the click" moves nothing after it. */}
        <span
          data-testid={`arrival-${signal}`}
          data-longest={longestArrival(signal)}
          className={`${styles.arrivalPart} ${arrived !== undefined ? styles.arrived : ''}`}
        >
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
  placeholder,
  children,
}: {
  signal: Signal;
  title: string;
  state: PollState;
  names: StoreNames;
  /** Shown in the section's space until there is something to show (or the status is a failure, which is shown whole). */
  placeholder: string;
  children: ReactNode;
}) {
  const name = storeName(state, names, signal);
  const status = signalStatus(state, signal, name);
  const empty = !hasContent(children);
  return (
    <section className={styles.section} data-testid={`panel-${signal}`} data-complete={state.progress[signal].complete}>
      <header className={styles.sectionHeader}>
        <h4 className={styles.sectionTitle}>
          {title} <span className={styles.store}>· {name}</span>
        </h4>
        {/* One line whatever it says (the whole text is the tooltip, and a failure is spelled out below). */}
        <span className={`${styles.signalStatus} ${styles[status.tone]}`} data-testid="signal-status" title={status.text}>
          {status.text}
        </span>
      </header>
      {/* Its final size from the start: what arrives fills it, or scrolls inside it, and moves nothing around it. */}
      <div className={`${styles.sectionBody} ${styles[`body_${signal}`]}`}>
        {empty ? (
          <p className={`${styles.placeholder} ${status.tone === 'failed' ? styles.failed : ''}`}>
            {status.tone === 'failed' ? status.text : placeholder}
          </p>
        ) : (
          children
        )}
      </div>
    </section>
  );
}

/** Whether a section has anything to show yet (its children are `false` or `undefined` until then). */
function hasContent(children: ReactNode): boolean {
  const list = Array.isArray(children) ? children : [children];
  return list.some((child) => child !== undefined && child !== null && child !== false && child !== '');
}

/**
 * Under a result card: the click's own trace, logs and metrics, read back
 * from the stores that run (through the frontend's /api/telemetry route),
 * filled in as they arrive, with how long each took.
 *
 * The panel has its final size from the moment it appears (with the click,
 * inside the 500 ms after an input that CLS forgives): each signal fills a
 * space of fixed height, lines keep their length, links have their slot.
 * What arrives seconds later then moves nothing, neither inside the panel
 * nor below it (the older results, "Where to look"), so the page's own CLS
 * stays "good" and the `layout-shift` scenario's banner is what makes it bad.
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
      <ArrivalLine state={state} />
      {/* The one line that may still move the panel: the page's own server failing to answer is no
          normal use, and saying so plainly matters more then. */}
      {state.routeError && (
        <p className={styles.routeError} data-testid="route-error">
          {state.routeError}
        </p>
      )}

      <SignalSection
        signal="trace"
        title="Trace"
        state={state}
        names={storeNames}
        placeholder={`The waterfall fills in here as ${storeName(state, storeNames, 'trace')} receives the spans.`}
      >
        {spans.length > 0 && <TraceWaterfall spans={spans} highlightedSpanId={highlighted} onHighlight={setHighlighted} />}
      </SignalSection>

      <SignalSection
        signal="logs"
        title="Logs"
        state={state}
        names={storeNames}
        placeholder={`The lines carrying this trace id show up here as ${storeName(state, storeNames, 'logs')} receives them.`}
      >
        {logs && logs.records.length > 0 && (
          <LogLines records={logs.records} spans={spans} highlightedSpanId={highlighted} onHighlight={setHighlighted} />
        )}
        {logs?.truncated && <p className={styles.note}>Only the first {logs.records.length} lines are shown.</p>}
      </SignalSection>

      <SignalSection
        signal="metrics"
        title="Metrics"
        state={state}
        names={storeNames}
        placeholder={`Where ${storeName(state, storeNames, 'metrics')} counted this click shows up here.`}
      >
        {metrics && <MetricFacts exemplar={metrics.exemplar} counter={metrics.counter} notKept={state.progress.metrics.complete && metrics.exemplar === null} />}
      </SignalSection>

      {/* Last, in a slot of its own: links come as what they open appears (the trace store's once it holds the trace). */}
      <TraceLinks links={report?.links ?? []} />
    </div>
  );
}
