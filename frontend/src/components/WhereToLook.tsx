import type { PublicConfig } from '../config/public-config';
import {
  grafanaExploreUrl,
  quickwitLogSearchUrl,
  TEMPO_DATASOURCE,
} from '../links/observability-links';
import styles from './WhereToLook.module.css';
import { WebVitalsPanel } from './WebVitalsPanel';

/** Where each signal ends up, and what the browser itself records. */
export function WhereToLook({ config }: { config: PublicConfig }) {
  const recentBrowserTraces = grafanaExploreUrl(config.grafanaUrl, TEMPO_DATASOURCE, {
    queryType: 'traceql',
    query: '{ resource.service.name = "frontend-web" }',
  });
  const browserLogs = quickwitLogSearchUrl(config.quickwitUrl, 'service_name:frontend-web');

  return (
    <section className={styles.section} aria-labelledby="where-title">
      <h2 id="where-title" className="section-title">
        Where to look
      </h2>
      <div className={styles.grid}>
        <article className={styles.card}>
          <h3>Traces · Tempo</h3>
          <p>
            Spans from <code>frontend-web</code>, <code>node-api</code> and <code>worker</code> in one
            waterfall: the click, the fetch, the server spans and the worker&apos;s{' '}
            <code>SELECT inventory</code>. Trace-by-id works at once; search catches up in about 30 s.
          </p>
          <a href={recentBrowserTraces} target="_blank" rel="noreferrer">
            Recent browser traces in Grafana →
          </a>
        </article>
        <article className={styles.card}>
          <h3>Logs · Quickwit</h3>
          <p>
            pino and winston logs with <code>trace_id</code> and <code>span_id</code>, plus the
            browser&apos;s own records (web vitals, exceptions), in the index{' '}
            <code>otel-logs-v0_9</code>. Searchable about 5 s after they arrive.
          </p>
          <a href={browserLogs} target="_blank" rel="noreferrer">
            Browser logs in Quickwit →
          </a>
        </article>
        <article className={styles.card}>
          <h3>Metrics · Prometheus</h3>
          <p>
            <code>http_server_request_duration_seconds</code> per service and route, span metrics with
            exemplars that link a latency spike to a trace, the service graph, and web vitals derived
            from the browser&apos;s records.
          </p>
          <a href={`${config.grafanaUrl}/dashboards`} target="_blank" rel="noreferrer">
            Dashboards in Grafana →
          </a>
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
