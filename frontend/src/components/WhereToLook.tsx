import type { ObservabilityOverview } from '../backends/observability-overview';
import type { SiteLink } from '../links/site-links';
import styles from './WhereToLook.module.css';
import { WebVitalsPanel } from './WebVitalsPanel';

/** What is worth knowing about each store, by kind: they differ in how soon a trace or a line can be found. */
const TRACE_STORE_NOTES: Record<string, string> = {
  jaeger: 'Jaeger v2 answers a trace by id as soon as its spans arrive.',
  tempo: 'Tempo answers a trace by id at once; its search catches up in about 30 s.',
};
const LOG_STORE_NOTES: Record<string, string> = {
  victorialogs: 'Searchable within about a second, with LogsQL such as trace_id:="<id>".',
  quickwit: 'In the index otel-logs-v0_9, searchable about 5 s after they arrive.',
};

function More({ link }: { link: SiteLink | undefined }) {
  return link ? (
    <a href={link.href} target="_blank" rel="noreferrer">
      {link.label} →
    </a>
  ) : null;
}

/** Where each signal ends up, and what the browser itself records. */
export function WhereToLook({ overview }: { overview: ObservabilityOverview }) {
  const { stores, links } = overview;
  return (
    <section className={styles.section} aria-labelledby="where-title">
      <h2 id="where-title" className="section-title">
        Where to look
      </h2>
      <div className={styles.grid}>
        <article className={styles.card}>
          <h3>Traces · {stores.traces.name}</h3>
          <p>
            Spans from <code>frontend-web</code>, <code>node-api</code> and <code>worker</code> in one
            waterfall: the click, the fetch, the server spans and the worker&apos;s{' '}
            <code>SELECT inventory</code>. {TRACE_STORE_NOTES[stores.traces.kind ?? ''] ?? ''}
          </p>
          <More link={links.grafanaBrowserTraces ?? links.traceStore} />
        </article>
        <article className={styles.card}>
          <h3>Logs · {stores.logs.name}</h3>
          <p>
            pino and winston logs with <code>trace_id</code> and <code>span_id</code>, plus the
            browser&apos;s own records (web vitals, exceptions). {LOG_STORE_NOTES[stores.logs.kind ?? ''] ?? ''}
          </p>
          <More link={links.grafanaBrowserLogs ?? links.logStore} />
        </article>
        <article className={styles.card}>
          <h3>Metrics · {stores.metrics.name}</h3>
          <p>
            <code>http_server_request_duration_seconds</code> per service and route, span metrics with
            exemplars that link a latency spike to a trace, the service graph, and web vitals derived
            from the browser&apos;s records.
          </p>
          <More link={links.grafanaServices ?? links.prometheus} />
        </article>
      </div>
      <article className={`${styles.card} ${styles.wide}`}>
        <div className={styles.wideText}>
          <h3>What your browser sends</h3>
          <p>
            As <code>frontend-web</code>, over OTLP/HTTP to the collector: a document-load trace,
            a span for every click and every fetch, web vitals, and every uncaught error or unhandled
            rejection as an ERROR log record and an exception on a span. All of it carries this tab&apos;s{' '}
            <code>session.id</code>.
          </p>
        </div>
        <WebVitalsPanel />
      </article>
    </section>
  );
}
