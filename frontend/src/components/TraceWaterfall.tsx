import type { CSSProperties } from 'react';
import { formatDuration } from '../panel/format';
import { serviceColor } from '../panel/service-colors';
import type { ReportSpan } from '../telemetry-report/telemetry-report';
import styles from './TraceWaterfall.module.css';

interface Props {
  spans: ReportSpan[];
  /** The span a hovered log line belongs to. */
  highlightedSpanId?: string;
  onHighlight: (spanId: string | undefined) => void;
}

function countByService(spans: ReportSpan[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const span of spans) counts.set(span.service, (counts.get(span.service) ?? 0) + 1);
  return [...counts];
}

/**
 * Every span of the trace on one time axis: indented under its parent (the
 * server sends them in tree order), so browser -> node-api -> worker reads
 * top to bottom; failed spans in red with their exception.
 */
export function TraceWaterfall({ spans, highlightedSpanId, onHighlight }: Props) {
  const start = Math.min(...spans.map((span) => span.startTimeUnixMs));
  const end = Math.max(...spans.map((span) => span.startTimeUnixMs + span.durationMs));
  const total = Math.max(end - start, 0.001);

  return (
    <div className={styles.waterfall} data-testid="waterfall">
      <p className={styles.counts} data-testid="span-counts">
        {countByService(spans).map(([service, count]) => (
          <span key={service} className={styles.count} data-service={service}>
            <span className={styles.dot} style={{ background: serviceColor(service) }} aria-hidden="true" />
            {service} <strong>{count}</strong>
          </span>
        ))}
        <span className={styles.total}>{formatDuration(total)} end to end</span>
      </p>
      <ol className={styles.rows}>
        {spans.map((span, index) => {
          const left = ((span.startTimeUnixMs - start) / total) * 100;
          const width = Math.max((span.durationMs / total) * 100, 0.4);
          const failed = span.status === 'error';
          const rowStyle = { '--depth': span.depth, '--service-color': serviceColor(span.service) } as CSSProperties;
          return (
            <li
              key={span.spanId}
              className={`${styles.row} ${failed ? styles.failed : ''} ${highlightedSpanId === span.spanId ? styles.highlighted : ''}`}
              style={rowStyle}
              data-testid="span-row"
              data-service={span.service}
              data-status={span.status}
              data-depth={span.depth}
              data-span-id={span.spanId}
              onMouseEnter={() => onHighlight(span.spanId)}
              onMouseLeave={() => onHighlight(undefined)}
              title={[span.kind.replace('SPAN_KIND_', '').toLowerCase(), span.http, span.spanId].filter(Boolean).join(' · ')}
            >
              <span className={styles.label}>
                <span className={styles.number}>{index + 1}</span>
                <span className={styles.service}>{span.service}</span>
                <span className={styles.name} data-testid="span-name">
                  {span.name}
                </span>
              </span>
              <span className={styles.track}>
                <span className={styles.bar} style={{ left: `${left}%`, width: `${width}%` }} />
              </span>
              <span className={styles.duration}>
                <span className={styles.offset}>+{formatDuration(span.startTimeUnixMs - start)}</span>
                {formatDuration(span.durationMs)}
              </span>
              {failed && (
                <span className={styles.exception} data-testid="span-error">
                  {span.exception
                    ? `${span.exception.type ? `${span.exception.type}: ` : ''}${span.exception.message}`
                    : span.statusMessage || 'status ERROR'}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
