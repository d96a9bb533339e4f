import type { TraceSummary } from '@o11y-demo/telemetry-query';
import { formatDuration } from '../panel/format';
import { serviceColor } from '../panel/service-colors';
import { traceHref } from './trace-href';
import styles from './traces.module.css';

/** "2026-12-06 16:39:09" in the visitor's time zone would need the browser; the server writes UTC, labelled so. */
function formatStart(unixMs: number): string {
  return unixMs > 0 ? `${new Date(unixMs).toISOString().slice(0, 19).replace('T', ' ')} UTC` : '–';
}

/**
 * The traces found, newest first: root span and its service, the services
 * with their span counts, span count, duration, error mark, start time, and
 * the spans that matched. Each opens /traces/<id>.
 */
export function TraceResultList({ traces }: { traces: TraceSummary[] }) {
  return (
    <ol className={styles.results} data-testid="trace-results">
      <li className={`${styles.result} ${styles.resultHead}`} aria-hidden="true">
        <span>root span · trace id</span>
        <span>services</span>
        <span>spans</span>
        <span>duration</span>
        <span>started</span>
      </li>
      {traces.map((trace) => (
        <li key={trace.traceId} className={styles.result} data-testid="trace-result" data-trace-id={trace.traceId} data-error={trace.error}>
          <span className={styles.root}>
            <a href={traceHref(trace.traceId)} data-testid="trace-result-link">
              {trace.rootService ? `${trace.rootService}: ${trace.rootName}` : 'a trace'}
            </a>
            {trace.rootMissing && <span className={styles.matched}> · root span not received</span>}
            {trace.error && (
              <span className={styles.error} data-testid="trace-result-error">
                {' '}
                · error
              </span>
            )}
            <a className={styles.traceId} href={traceHref(trace.traceId)}>
              {trace.traceId}
            </a>
            {trace.matched.map((span) => (
              <span key={span.spanId} className={styles.matched} data-testid="matched-span" data-service={span.service} data-duration-ms={span.durationMs}>
                matched: {span.service ? `${span.service} ` : ''}
                {span.name ? <q>{span.name}</q> : `span ${span.spanId}`} {formatDuration(span.durationMs)}
              </span>
            ))}
          </span>
          <span className={styles.services}>
            {trace.services.map((service) => (
              <span key={service.name} className={styles.service} data-service={service.name}>
                <span className={styles.dot} style={{ background: serviceColor(service.name) }} aria-hidden="true" />
                {service.name} {service.spanCount > 0 ? service.spanCount : ''}
                {service.errorCount > 0 && <span className={styles.error}>({service.errorCount} failed)</span>}
              </span>
            ))}
          </span>
          <span className={styles.numeric} data-testid="trace-result-spans">
            {trace.spanCount || '–'}
          </span>
          <span className={styles.numeric} data-testid="trace-result-duration">
            {formatDuration(trace.durationMs)}
          </span>
          <span className={styles.numeric}>{formatStart(trace.startTimeUnixMs)}</span>
        </li>
      ))}
    </ol>
  );
}
