'use client';

import { activeCountText } from '../scenarios/scenario-store';
import { useScenarioSnapshot } from '../scenarios/use-scenarios';
import styles from './ScenarioBadge.module.css';

/**
 * In the sticky header, so that a learner puzzled by a slow or failing
 * click sees at once that a scenario is on, wherever the page is scrolled.
 */
export function ScenarioBadge() {
  const snapshot = useScenarioSnapshot();
  if (snapshot.reach !== 'ok' || snapshot.active.length === 0) return null;
  return (
    <span className={styles.badge} data-testid="scenario-badge" title={`on: ${snapshot.active.join(', ')}`}>
      <span className={styles.dot} aria-hidden="true" />
      {activeCountText(snapshot)}
    </span>
  );
}
