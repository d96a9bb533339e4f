import type { PublicConfig } from '../config/public-config';
import styles from './SiteHeader.module.css';
import { TelemetryStatus } from './TelemetryStatus';

export function SiteHeader({ config }: { config: PublicConfig }) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <div className={styles.brand}>
          <span className={styles.mark} aria-hidden="true" />
          <span className={styles.name}>o11y-demo</span>
          <span className={styles.tagline}>OpenTelemetry, end to end</span>
        </div>
        <nav className={styles.nav} aria-label="Observability tools">
          <a href={config.grafanaUrl} target="_blank" rel="noreferrer">
            Grafana
          </a>
          <a href={`${config.tempoUrl}/api/search?limit=20`} target="_blank" rel="noreferrer">
            Tempo API
          </a>
          <a href={`${config.quickwitUrl}/ui`} target="_blank" rel="noreferrer">
            Quickwit
          </a>
        </nav>
        <TelemetryStatus />
      </div>
    </header>
  );
}
