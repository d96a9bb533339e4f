'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { collectorReachability, type CollectorReachability } from '../telemetry/collector-reachability';
import { getSessionId } from '../telemetry/session';
import styles from './TelemetryStatus.module.css';

const REACHABILITY_TEXT: Record<CollectorReachability, string> = {
  unknown: 'collector: waiting for first export',
  reachable: 'collector: receiving',
  unreachable: 'collector: unreachable, telemetry dropped',
};

/** Session id and whether browser telemetry reaches the collector. */
export function TelemetryStatus() {
  const reachability = useSyncExternalStore(
    collectorReachability.subscribe,
    collectorReachability.get,
    () => 'unknown' as const,
  );
  // sessionStorage exists only in the browser: read after hydration.
  const [sessionId, setSessionId] = useState<string>();
  useEffect(() => setSessionId(getSessionId()), []);

  return (
    <div className={styles.status}>
      <span className={styles.session} title="session.id, stamped on every span and log record">
        session <code data-testid="session-id">{sessionId ?? '…'}</code>
      </span>
      <span className={`${styles.pill} ${styles[reachability]}`} data-testid="collector-status">
        <span className={styles.dot} aria-hidden="true" />
        {REACHABILITY_TEXT[reachability]}
      </span>
    </div>
  );
}
