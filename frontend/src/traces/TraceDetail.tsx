'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { LogLines } from '../components/LogLines';
import { MetricFacts } from '../components/MetricFacts';
import { TraceLinks } from '../components/TraceLinks';
import { TraceWaterfall } from '../components/TraceWaterfall';
import type { TelemetryReport } from '../telemetry-report/telemetry-report';
import styles from './traces.module.css';

/**
 * A trace's last spans and its log lines reach the stores a second or two
 * after the first spans (e2e/README.md has the figures), so a trace opened
 * right after its click would show part of them. Until this long after the
 * trace ended (or, for a trace not found yet, after the page opened), the
 * page reads the stores again every second.
 */
const LIVE_WINDOW_MS = 30_000;
const LIVE_REFRESH_MS = 1_000;

function traceEndUnixMs(spans: ReadonlyArray<{ startTimeUnixMs: number; durationMs: number }>): number | undefined {
  return spans.length === 0 ? undefined : Math.max(...spans.map((span) => span.startTimeUnixMs + span.durationMs));
}

/**
 * One trace's waterfall, log lines and metric facts, as the click panel shows
 * them (the same components, the same report), for any trace id. Hovering a
 * log line highlights its span and the other way round.
 */
export function TraceDetail({ report }: { report: TelemetryReport }) {
  const [highlighted, setHighlighted] = useState<string>();
  const [live, setLive] = useState(false);
  const [openedAt] = useState(() => Date.now());
  const router = useRouter();
  const { trace, logs, metrics, stores } = report;
  const spans = trace.state === 'answered' ? trace.spans : [];
  const endedAt = traceEndUnixMs(spans);

  // Decided after hydration: the server's clock and the browser's may differ.
  useEffect(() => {
    const isLive = Date.now() < (endedAt ?? openedAt) + LIVE_WINDOW_MS;
    setLive(isLive);
    if (!isLive) return;
    const timer = setTimeout(() => router.refresh(), LIVE_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [report, endedAt, openedAt, router]);
  return (
    <div className={styles.sections}>
      {live && (
        <p data-testid="trace-live">
          A recent trace: its last spans and log lines reach the stores a second or two after the first, so this page reads them again every second
          until {LIVE_WINDOW_MS / 1000} s after the trace ended.
        </p>
      )}
      <section className="card" data-testid="trace-section">
        <h2 className={styles.sectionTitle}>
          Trace <span className={styles.store}>· {stores.traces.name}</span>
        </h2>
        {trace.state === 'unreachable' ? (
          <p className={styles.problem}>
            {stores.traces.name} {trace.error}
          </p>
        ) : spans.length === 0 ? (
          <p className={styles.problem} data-testid="trace-not-found">
            {stores.traces.name} does not hold this trace: it has not arrived yet, or it is older than what the store keeps.
          </p>
        ) : (
          <TraceWaterfall spans={spans} highlightedSpanId={highlighted} onHighlight={setHighlighted} />
        )}
      </section>
      <section className="card" data-testid="logs-section">
        <h2 className={styles.sectionTitle}>
          Logs <span className={styles.store}>· {stores.logs.name}</span>
        </h2>
        {logs.state === 'unreachable' ? (
          <p className={styles.problem}>
            {stores.logs.name} {logs.error}
          </p>
        ) : logs.records.length === 0 ? (
          <p>No log line carries this trace id.</p>
        ) : (
          <>
            <LogLines records={logs.records} spans={spans} highlightedSpanId={highlighted} onHighlight={setHighlighted} />
            {logs.truncated && <p>Only the first {logs.records.length} lines are shown.</p>}
          </>
        )}
      </section>
      <section className="card" data-testid="metrics-section">
        <h2 className={styles.sectionTitle}>
          Metrics <span className={styles.store}>· {stores.metrics.name}</span>
        </h2>
        {metrics.state === 'unreachable' ? (
          <p className={styles.problem}>
            {stores.metrics.name} {metrics.error}
          </p>
        ) : (
          <MetricFacts exemplar={metrics.exemplar} counter={metrics.counter} />
        )}
      </section>
      <TraceLinks links={report.links} />
    </div>
  );
}
