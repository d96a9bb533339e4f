import type { DemoAction } from '../demo/demo-actions';
import type { ActionResult } from '../demo/run-action';
import { traceHref } from '../traces/trace-href';
import styles from './ResultCard.module.css';
import { TelemetryPanel, type StoreNames } from './TelemetryPanel';

/** `clickedAtUnixMs`: when the button was clicked, what the panel's arrival times count from. */
export type ResultState =
  | { phase: 'running'; clickedAtUnixMs: number; traceId?: string }
  | { phase: 'done'; clickedAtUnixMs: number; result: ActionResult };

function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** One action's latest run: status, latency, response, and its telemetry as the stores hold it. */
export function ResultCard({
  action,
  state,
  storeNames,
}: {
  action: DemoAction;
  state: ResultState;
  storeNames: StoreNames;
}) {
  const result = state.phase === 'done' ? state.result : undefined;
  const traceId = result?.traceId ?? (state.phase === 'running' ? state.traceId : undefined);
  const tone = !result ? styles.running : result.ok ? styles.ok : styles.failed;

  return (
    <article className={`${styles.card} ${tone}`} data-testid={`result-${action.id}`}>
      <header className={styles.header}>
        <h3 className={styles.title}>{action.label}</h3>
        <span className={styles.status} data-testid="status">
          {result ? result.status : 'running…'}
        </span>
        <span className={styles.latency} data-testid="latency">
          {result ? formatLatency(result.latencyMs) : ''}
        </span>
      </header>

      <div className={styles.traceRow}>
        <span className={styles.label}>trace id</span>
        {traceId ? (
          // In a tab of its own: this page keeps the click's result and panel.
          <a href={traceHref(traceId)} target="_blank" rel="noreferrer" title="Open this trace on its own page" data-testid="trace-id-link">
            <code className={styles.traceId} data-testid="trace-id">
              {traceId}
            </code>
          </a>
        ) : (
          <span className={styles.pending}>starting…</span>
        )}
      </div>

      {/* There from the click, at its final height: "Slow request" answers after 1.2 s, too late for
          CLS to forgive a response that pushed the telemetry panel down. */}
      {result ? (
        <pre className={styles.body} data-testid="response-body">
          {typeof result.body === 'string' ? result.body : JSON.stringify(result.body, null, 2)}
        </pre>
      ) : (
        <pre className={`${styles.body} ${styles.bodyPending}`}>waiting for the response…</pre>
      )}

      {traceId && (
        <TelemetryPanel
          key={traceId}
          traceId={traceId}
          clickedAtUnixMs={state.clickedAtUnixMs}
          action={action}
          active={state.phase === 'done'}
          storeNames={storeNames}
        />
      )}
    </article>
  );
}
