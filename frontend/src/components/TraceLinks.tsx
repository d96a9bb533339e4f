import type { PublicConfig } from '../config/public-config';
import { traceLinks } from '../links/observability-links';
import styles from './TraceLinks.module.css';

/** Links from one trace id to the tools that hold its telemetry. */
export function TraceLinks({ config, traceId }: { config: PublicConfig; traceId: string }) {
  const links = traceLinks(config, traceId);
  return (
    <nav className={styles.links} aria-label="Open this trace">
      <a href={links.grafanaTrace} target="_blank" rel="noreferrer" className={styles.primary}>
        Trace in Grafana
      </a>
      <a href={links.grafanaLogs} target="_blank" rel="noreferrer" className={styles.primary}>
        Logs in Grafana
      </a>
      <a href={links.grafanaTraceWithLogs} target="_blank" rel="noreferrer" className={styles.primary}>
        Trace + logs
      </a>
      <a href={links.tempoApi} target="_blank" rel="noreferrer">
        Tempo API
      </a>
      <a href={links.quickwitSearch} target="_blank" rel="noreferrer">
        Quickwit search
      </a>
    </nav>
  );
}
