import type { SiteLinks } from '../links/site-links';
import { ScenarioBadge } from './ScenarioBadge';
import styles from './SiteHeader.module.css';
import { TelemetryStatus } from './TelemetryStatus';

/** The brand, links to the tools that run now (and only those), and the browser's telemetry status. */
export function SiteHeader({ links }: { links: SiteLinks }) {
  const tools = [links.grafana, links.traceStore, links.logStore, links.prometheus].filter((link) => link !== undefined);
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <div className={styles.brand}>
          <span className={styles.mark} aria-hidden="true" />
          <span className={styles.name}>o11y-demo</span>
          <span className={styles.tagline}>OpenTelemetry, end to end</span>
        </div>
        {tools.length > 0 && (
          <nav className={styles.nav} aria-label="Observability tools">
            {tools.map((link) => (
              <a key={link.href} href={link.href} target="_blank" rel="noreferrer">
                {link.label}
              </a>
            ))}
          </nav>
        )}
        <TelemetryStatus />
        <ScenarioBadge />
      </div>
    </header>
  );
}
