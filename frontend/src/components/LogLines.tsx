import type { CSSProperties } from 'react';
import { formatClock } from '../panel/format';
import { serviceColor } from '../panel/service-colors';
import type { ReportLog, ReportSpan } from '../telemetry-report/telemetry-report';
import styles from './LogLines.module.css';

interface Props {
  records: ReportLog[];
  /** The waterfall's spans in its order: a line names its span by the same number. */
  spans: ReportSpan[];
  highlightedSpanId?: string;
  onHighlight: (spanId: string | undefined) => void;
}

function severityClass(severityNumber: number): string | undefined {
  if (severityNumber >= 17) return styles.error;
  if (severityNumber >= 13) return styles.warn;
  return undefined;
}

/**
 * The log lines carrying the trace id, oldest first. Each names the span it
 * was written in by its number in the waterfall; hovering either highlights
 * the other.
 */
export function LogLines({ records, spans, highlightedSpanId, onHighlight }: Props) {
  const spanNumbers = new Map(spans.map((span, index) => [span.spanId, { number: index + 1, name: span.name }]));
  return (
    <ol className={styles.lines} data-testid="log-lines">
      {records.map((record, index) => {
        const span = spanNumbers.get(record.spanId);
        const style = { '--service-color': serviceColor(record.service) } as CSSProperties;
        return (
          <li
            key={`${record.timeUnixMs}-${index}`}
            className={`${styles.line} ${record.spanId && record.spanId === highlightedSpanId ? styles.highlighted : ''}`}
            style={style}
            data-testid="log-line"
            data-service={record.service}
            data-severity={record.severityText}
            onMouseEnter={() => onHighlight(record.spanId || undefined)}
            onMouseLeave={() => onHighlight(undefined)}
          >
            <span className={styles.time}>{formatClock(record.timeUnixMs)}</span>
            <span className={styles.service}>{record.service}</span>
            <span className={`${styles.severity} ${severityClass(record.severityNumber) ?? ''}`}>
              {record.severityText || `#${record.severityNumber}`}
            </span>
            <span className={styles.body} data-testid="log-body">
              {record.body}
            </span>
            <span className={styles.span} data-testid="log-span" title={record.spanId ? `span_id ${record.spanId}` : 'no span id'}>
              {span ? (
                <>
                  <span className={styles.spanNumber}>{span.number}</span> {span.name}
                </>
              ) : record.spanId ? (
                `span ${record.spanId.slice(0, 8)}…`
              ) : (
                'no span'
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
