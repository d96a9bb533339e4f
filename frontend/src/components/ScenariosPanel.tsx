'use client';

import { useEffect, useState } from 'react';
import { switchAllOff, switchScenario } from '../scenarios/scenario-api';
import { activeCountText } from '../scenarios/scenario-store';
import { useScenarioPolling, useScenarioSnapshot } from '../scenarios/use-scenarios';
import styles from './ScenariosPanel.module.css';

const SERVICE_LABELS: Record<string, string> = { frontend: 'this page' };

/**
 * The workshop's failure scenarios, as node-api holds them: one switch each,
 * and one to switch them all off. Polls, so that a switch made elsewhere (curl,
 * another tab, a workshop script) shows up here within a few seconds.
 */
export function ScenariosPanel({ nodeApiUrl }: { nodeApiUrl: string }) {
  useScenarioPolling(nodeApiUrl);
  const snapshot = useScenarioSnapshot();
  // The switch on its way to node-api: shown as asked at once, and as node-api
  // has it once it answers (which is the old state if the switch failed).
  const [pending, setPending] = useState<{ name: string; active: boolean } | 'all'>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const { reach, scenarios, active } = snapshot;
  const busy = !hydrated || pending !== undefined;

  const toggle = (name: string, on: boolean) => {
    setPending({ name, active: on });
    // Called in the click's own handler, so the PUT joins the click's trace.
    void switchScenario(nodeApiUrl, name, on).finally(() => setPending(undefined));
  };
  const allOff = () => {
    setPending('all');
    void switchAllOff(nodeApiUrl).finally(() => setPending(undefined));
  };

  return (
    <section className={styles.section} aria-labelledby="scenarios-title" data-testid="scenarios-panel" data-reach={reach}>
      <div className={styles.heading}>
        <h2 id="scenarios-title" className="section-title">
          Scenarios
        </h2>
        <span
          className={`${styles.count} ${active.length > 0 ? styles.countActive : ''}`}
          data-testid="scenarios-count"
          role="status"
        >
          {activeCountText(snapshot)}
        </span>
      </div>
      <div className={styles.card}>
        <p className={styles.intro}>
          Switch a fault on, click an action, then find its signature in the telemetry. node-api keeps the
          switches (<code>GET</code>/<code>PUT /scenarios</code>), so one made from the command line shows up
          here within seconds.
        </p>
        {reach === 'loading' && <p className={styles.note}>Asking node-api for its scenarios…</p>}
        {reach === 'unreachable' && (
          <p className={styles.error} role="alert" data-testid="scenarios-error">
            {snapshot.readError}. Scenarios cannot be read or switched until it answers; the page acts as if
            none were on.
          </p>
        )}
        {reach === 'ok' && (
          <ul className={styles.list}>
            {scenarios.map((scenario) => {
              const descriptionId = `scenario-${scenario.name}-description`;
              const switching = typeof pending === 'object' && pending.name === scenario.name;
              return (
                <li
                  key={scenario.name}
                  className={`${styles.item} ${scenario.active ? styles.itemActive : ''}`}
                  data-testid={`scenario-${scenario.name}`}
                  data-active={scenario.active}
                >
                  <label className={styles.toggle}>
                    <input
                      type="checkbox"
                      className={styles.checkbox}
                      checked={switching ? pending.active : scenario.active}
                      disabled={busy}
                      aria-describedby={descriptionId}
                      onChange={(event) => toggle(scenario.name, event.target.checked)}
                    />
                    <span className={styles.title}>{scenario.title}</span>
                  </label>
                  <span className={styles.service} data-service={scenario.service} title="where it acts">
                    {SERVICE_LABELS[scenario.service] ?? scenario.service}
                  </span>
                  <p id={descriptionId} className={styles.description}>
                    {scenario.description}
                  </p>
                  <p className={styles.meta}>
                    <code>{scenario.name}</code> · {scenario.signals.join(', ')}
                    {switching ? ' · switching…' : ''}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        {snapshot.switchError && (
          <p className={styles.error} role="alert" data-testid="scenarios-switch-error">
            {snapshot.switchError}
          </p>
        )}
        {reach === 'ok' && (
          <div className={styles.footer}>
            <button type="button" className={styles.allOff} onClick={allOff} disabled={busy || active.length === 0}>
              Switch all off
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
