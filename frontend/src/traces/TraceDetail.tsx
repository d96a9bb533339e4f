'use client';

import { useState } from 'react';
import { LogLines } from '../components/LogLines';
import { MetricFacts } from '../components/MetricFacts';
import { TraceLinks } from '../components/TraceLinks';
import { TraceWaterfall } from '../components/TraceWaterfall';
import type { TelemetryReport } from '../telemetry-report/telemetry-report';
import styles from './traces.module.css';

/**
 * One trace's waterfall, log lines and metric facts, as the click panel shows
 * them (the same components, the same report), for any trace id. Hovering a
 * log line highlights its span and the other way round.
 */
export function TraceDetail({ report }: { report: TelemetryReport }) {
  const [highlighted, setHighlighted] = useState<string>();
  const { trace, logs, metrics, stores } = report;
  const spans = trace.state === 'answered' ? trace.spans : [];
  return (
    <div className={styles.sections}>
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
