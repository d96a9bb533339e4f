import type { ReportLink } from '../telemetry-report/telemetry-report';
import styles from './TraceLinks.module.css';

/**
 * Links from one trace to the tools that hold its telemetry. The telemetry
 * route decides which: only what runs and answers (see report-links.ts).
 */
export function TraceLinks({ links }: { links: ReportLink[] }) {
  if (links.length === 0) return null;
  return (
    <nav className={styles.links} aria-label="Open this trace" data-testid="trace-links">
      {links.map((link) => (
        <a
          key={link.href}
          href={link.href}
          target="_blank"
          rel="noreferrer"
          className={link.tool === 'grafana' ? styles.primary : undefined}
          data-tool={link.tool}
        >
          {link.label}
        </a>
      ))}
    </nav>
  );
}
