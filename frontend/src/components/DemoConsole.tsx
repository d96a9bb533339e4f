'use client';

import { trace } from '@opentelemetry/api';
import { useCallback, useEffect, useState } from 'react';
import type { PublicConfig } from '../config/public-config';
import { DEMO_ACTION_IDS, DEMO_ACTIONS, type DemoActionId } from '../demo/demo-actions';
import { runDemoAction } from '../demo/run-action';
import { LONG_TASK, runLongTask } from '../scenarios/browser-scenarios';
import { removeLateBanner, scheduleLateBanner } from '../scenarios/late-banner';
import { isScenarioActive } from '../scenarios/scenario-store';
import { APP_SCOPE } from '../telemetry/app-scope';
import styles from './DemoConsole.module.css';
import { ResultCard, type ResultState } from './ResultCard';
import { ScenariosPanel } from './ScenariosPanel';
import type { StoreNames } from './TelemetryPanel';

/** The action buttons and, next to them, the result of each action's latest run with its telemetry. */
export function DemoConsole({ config, storeNames }: { config: PublicConfig; storeNames: StoreNames }) {
  const [results, setResults] = useState<Partial<Record<DemoActionId, ResultState>>>({});
  // Most recent first, each action once.
  const [order, setOrder] = useState<DemoActionId[]>([]);
  // The server-rendered buttons do nothing until React hydrates them: keep
  // them disabled until then, so a click (or a test) never falls into the gap.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const start = useCallback(
    (actionId: DemoActionId) => {
      // The panel's arrival times count from here, the long task included:
      // the visitor clicked now, whatever the page does next.
      const clickedAtUnixMs = Date.now();
      removeLateBanner();
      // Before any state update: what the long task delays is the page's
      // reaction to the click, which is what INP measures.
      if (isScenarioActive(LONG_TASK)) runLongTask(trace.getTracer(APP_SCOPE));
      setOrder((previous) => [actionId, ...previous.filter((id) => id !== actionId)]);
      setResults((previous) => ({ ...previous, [actionId]: { phase: 'running', clickedAtUnixMs } }));
      // Called synchronously from the click handler so that the action's span
      // is a child of the click span (see demo/run-action.ts).
      void runDemoAction(
        config,
        actionId,
        (traceId) =>
          setResults((previous) => ({ ...previous, [actionId]: { phase: 'running', clickedAtUnixMs, traceId } })),
      ).then((result) => {
        setResults((previous) => ({ ...previous, [actionId]: { phase: 'done', clickedAtUnixMs, result } }));
        scheduleLateBanner(DEMO_ACTIONS[actionId].label);
      });
    },
    [config],
  );

  return (
    <section className={styles.console} aria-labelledby="console-title">
      <div className={styles.actions}>
        <h2 id="console-title" className="section-title">
          Try it
        </h2>
        <ul className={styles.actionList}>
          {DEMO_ACTION_IDS.map((actionId) => {
            const action = DEMO_ACTIONS[actionId];
            const running = results[actionId]?.phase === 'running';
            return (
              <li key={actionId} className={styles.action}>
                <button
                  type="button"
                  className={`${styles.button} ${action.effect.kind === 'browser-failure' ? styles.browserButton : ''}`}
                  onClick={() => start(actionId)}
                  disabled={!hydrated || running}
                >
                  {action.label}
                </button>
                <div className={styles.actionText}>
                  <p className={styles.explanation}>{action.explanation}</p>
                  <p className={styles.expectation}>{action.expectation}</p>
                </div>
              </li>
            );
          })}
        </ul>
        <ScenariosPanel nodeApiUrl={config.nodeApiUrl} />
      </div>
      <div className={styles.results} aria-live="polite">
        <h2 className="section-title">Results</h2>
        {order.length === 0 ? (
          <div className={styles.empty}>
            <p className={styles.emptyTitle}>No traces yet</p>
            <p>
              Click an action. Its result shows up here with the trace id, and below it the
              click&apos;s own trace, logs and metrics as {storeNames.traces}, {storeNames.logs} and{' '}
              {storeNames.metrics} receive them.
            </p>
          </div>
        ) : (
          order.map((actionId) => {
            const state = results[actionId];
            return state ? (
              <ResultCard key={actionId} action={DEMO_ACTIONS[actionId]} state={state} storeNames={storeNames} />
            ) : null;
          })
        )}
      </div>
    </section>
  );
}
