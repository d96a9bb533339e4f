import { formatDuration } from '../panel/format';
import type { ReportCounter, ReportExemplar } from '../telemetry-report/telemetry-report';
import styles from './MetricFacts.module.css';

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Where the click shows up in Prometheus: the span-metrics exemplar that
 * carries its trace id (the link from a latency histogram back to this very
 * trace), and the request counter of the route it hit.
 */
export function MetricFacts({ exemplar, counter, notKept = false }: { exemplar: ReportExemplar | null; counter: ReportCounter | null; notKept?: boolean }) {
  return (
    <dl className={styles.facts}>
      <dt>exemplar</dt>
      <dd data-testid="exemplar">
        {exemplar ? (
          <>
            <strong>{formatDuration(exemplar.valueSeconds * 1000)}</strong> from {exemplar.service}&apos;s{' '}
            <q>{exemplar.spanName}</q> span, in the <code>le=&quot;{exemplar.bucket}&quot;</code> bucket of{' '}
            <code>{exemplar.promql}</code>, labelled with this trace id
          </>
        ) : notKept ? (
          <span className={styles.pending}>
            none kept for this trace: the span metrics counted it, but of the exemplars one flush brings to a bucket Prometheus keeps
            only those in rising order
          </span>
        ) : (
          <span className={styles.pending}>
            not yet: the collector&apos;s span metrics reach Prometheus every 15 s
          </span>
        )}
      </dd>
      <dt>requests</dt>
      <dd data-testid="request-counter">
        {counter ? (
          <>
            <strong>{formatCount(counter.value)}</strong> {counter.subject} so far{' '}
            <code className={styles.query} title={counter.promql}>
              {counter.promql}
            </code>
          </>
        ) : (
          <span className={styles.pending}>known once the trace says which route it hit</span>
        )}
      </dd>
    </dl>
  );
}
