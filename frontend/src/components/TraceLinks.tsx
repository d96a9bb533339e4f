import { useState } from 'react';
import type { ReportLink } from '../telemetry-report/telemetry-report';
import styles from './TraceLinks.module.css';

/**
 * Keeps links where they first appeared: the route's answers add links as
 * what they open appears (the log store's search at once, the trace store's
 * API once it holds the trace, Prometheus once the counter is known), and a
 * link put in front of one already shown would move it. New links go last.
 */
function useStableOrder(links: ReportLink[]): ReportLink[] {
  const [seen, setSeen] = useState<string[]>([]);
  const fresh = links.map(linkKey).filter((key) => !seen.includes(key));
  // Adjusting state while rendering, as React documents it: it renders again before anything is shown.
  if (fresh.length > 0) setSeen([...seen, ...fresh]);
  const order = fresh.length > 0 ? [...seen, ...fresh] : seen;
  return [...links].sort((a, b) => order.indexOf(linkKey(a)) - order.indexOf(linkKey(b)));
}

function linkKey(link: ReportLink): string {
  return `${link.tool} ${link.label}`;
}

/**
 * Links from one trace to the tools that hold its telemetry. The telemetry
 * route decides which: only what runs and answers (see report-links.ts).
 * They arrive over the seconds after the click, into a slot that has their
 * room from the start (two rows: Grafana's links or a long counter name wrap
 * once), so they move nothing on the page.
 */
export function TraceLinks({ links }: { links: ReportLink[] }) {
  const ordered = useStableOrder(links);
  return (
    <div className={styles.slot}>
      {ordered.length > 0 && (
        <nav className={styles.links} aria-label="Open this trace" data-testid="trace-links">
          {ordered.map((link) => (
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
      )}
    </div>
  );
}
