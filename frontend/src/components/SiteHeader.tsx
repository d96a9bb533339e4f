import type { SiteLinks } from '../links/site-links';
import { ScenarioBadge } from './ScenarioBadge';
import styles from './SiteHeader.module.css';
import { TelemetryStatus } from './TelemetryStatus';

/** The page's own views; each is its own route, so none of them adds to the demo page's script. */
const VIEWS = [
  { href: '/traces', label: 'Traces' },
  { href: '/services', label: 'Services' },
];

/**
 * The brand, the page's own views, a box that opens a trace by id, links to
 * the tools that run now (and only those), and the browser's telemetry status.
 * The box is a plain GET form to /traces (no script): a trace id opens
 * /traces/<id>, anything else comes back with a message.
 */
export function SiteHeader({ links }: { links: SiteLinks }) {
  const tools = [links.grafana, links.traceStore, links.logStore, links.prometheus].filter((link) => link !== undefined);
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        {/* The brand is the way back to the demo page from the other views. */}
        <a className={styles.brand} href="/" title="The demo page">
          <span className={styles.mark} aria-hidden="true" />
          <span className={styles.name}>o11y-demo</span>
          <span className={styles.tagline}>OpenTelemetry, end to end</span>
        </a>
        <nav className={styles.views} aria-label="Views">
          {VIEWS.map((view) => (
            <a key={view.href} href={view.href}>
              {view.label}
            </a>
          ))}
        </nav>
        <form className={styles.open} action="/traces" method="get" role="search" data-testid="trace-id-search">
          <input name="traceId" placeholder="open a trace id" aria-label="Trace id to open" autoComplete="off" spellCheck={false} />
        </form>
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
