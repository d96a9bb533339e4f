import { formatClock, formatDuration } from '../panel/format';
import { serviceColor } from '../panel/service-colors';
import { formatRate, formatShare } from './figures';
import { ServiceCharts } from './ServiceCharts';
import type { OperationFigures, ServiceSection, ServicesViewData } from './services-view-data';
import { traceHref } from '../traces/trace-href';
import { WINDOW_NAMES, viewHref } from './view-params';
import styles from './ServicesView.module.css';
import { WebVitalCard } from './WebVitalCard';

/** How many exemplars the "slowest recent requests" list shows per service. */
const SLOWEST_LISTED = 8;
/** Operations shown at once; the rest (a Next.js server has one per static file) behind "more". */
const OPERATIONS_SHOWN = 12;

const KIND_NAMES: Record<string, string> = {
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
};

const seconds = (value: number | null) => (value === null ? '–' : formatDuration(value * 1000));
const percent = (value: number | null) => (value === null ? '–' : formatShare(value));
const perSecond = (value: number | null) => (value === null ? '–' : formatRate(value));

function latest(points: (number | null)[]): number | null {
  for (let index = points.length - 1; index >= 0; index--) if (points[index] !== null) return points[index] ?? null;
  return null;
}

function OperationRow({ row }: { row: OperationFigures }) {
  return (
    <tr data-testid="operation">
      <td data-testid="operation-name">{row.name}</td>
      <td className={styles.kind}>{KIND_NAMES[row.kind] ?? row.kind}</td>
      <td className={styles.number}>{perSecond(row.rate)}</td>
      <td className={`${styles.number} ${(row.errorRatio ?? 0) > 0 ? styles.bad : ''}`} data-testid="operation-errors">
        {percent(row.errorRatio)}
      </td>
      <td className={styles.number}>{seconds(row.p50S)}</td>
      <td className={styles.number}>{seconds(row.p95S)}</td>
    </tr>
  );
}

/** The same column widths in the table and in its "more" part, so their columns line up. */
function Columns() {
  return (
    <colgroup>
      <col />
      <col className={styles.kindColumn} />
      {[0, 1, 2, 3].map((index) => (
        <col key={index} className={styles.numberColumn} />
      ))}
    </colgroup>
  );
}

function OperationsTable({ rows }: { rows: OperationFigures[] }) {
  const [shown, more] = [rows.slice(0, OPERATIONS_SHOWN), rows.slice(OPERATIONS_SHOWN)];
  return (
    <table className={styles.operations} data-testid="operations">
      <Columns />
      <thead>
        <tr>
          <th>operation</th>
          <th>kind</th>
          <th className={styles.number}>req/s</th>
          <th className={styles.number}>errors</th>
          <th className={styles.number}>p50</th>
          <th className={styles.number}>p95</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => (
          <OperationRow key={`${row.kind} ${row.name}`} row={row} />
        ))}
      </tbody>
      {more.length > 0 && (
        <tbody>
          <tr>
            <td colSpan={6}>
              <details className={styles.more}>
                <summary>{more.length} more operations</summary>
                <table className={styles.operations}>
                  <Columns />
                  <tbody>
                    {more.map((row) => (
                      <OperationRow key={`${row.kind} ${row.name}`} row={row} />
                    ))}
                  </tbody>
                </table>
              </details>
            </td>
          </tr>
        </tbody>
      )}
    </table>
  );
}

function Service({ section, data }: { section: ServiceSection; data: ServicesViewData }) {
  const answersRequests = section.rate.some((value) => value !== null);
  const slowest = section.exemplars.slice(0, SLOWEST_LISTED);
  return (
    <section className={`card ${styles.service}`} data-testid={`service-${section.service}`} aria-labelledby={`service-${section.service}`}>
      <header className={styles.serviceHead}>
        <h2 id={`service-${section.service}`}>
          <span className={styles.dot} style={{ background: serviceColor(section.service) }} aria-hidden="true" />
          <a href={viewHref({ window: data.window, service: section.service })}>{section.service}</a>
        </h2>
        {answersRequests && (
          <p className={styles.now} data-testid="service-now">
            latest: <strong>{perSecond(latest(section.rate))}</strong> req/s · <strong>{percent(latest(section.errorRatio))}</strong> errors · p95{' '}
            <strong>{seconds(latest(section.p95S))}</strong>
          </p>
        )}
      </header>
      {answersRequests ? (
        <ServiceCharts section={section} startS={data.startS} endS={data.endS} stepS={data.stepS} />
      ) : (
        <p className={styles.empty}>No server spans in this window (this service answers no requests): its operations are below.</p>
      )}
      <div className={styles.below}>
        <div>
          <h3>Operations over the last {data.window}</h3>
          <OperationsTable rows={section.operations} />
        </div>
        {answersRequests && (
          <div>
            <h3>Slowest recent requests</h3>
            {slowest.length === 0 ? (
              <p className={styles.empty}>No exemplars in this window yet (span metrics are flushed every 15 s).</p>
            ) : (
              <ol className={styles.slowest} data-testid="slowest">
                {slowest.map((exemplar) => (
                  <li key={exemplar.traceId}>
                    <span className={styles.duration}>{formatDuration(exemplar.durationS * 1000)}</span>
                    <span className={styles.operation}>{exemplar.operation}</span>
                    <span className={styles.time}>{formatClock(exemplar.timestampS * 1000)}</span>
                    <a href={traceHref(exemplar.traceId)} data-testid="exemplar-link" className={styles.traceId}>
                      {exemplar.traceId.slice(0, 16)}…
                    </a>
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** The services view: RED per service and operation, exemplars to traces, and the browser's web vitals. */
export function ServicesView({ data }: { data: ServicesViewData }) {
  return (
    <>
      <div className={styles.toolbar}>
        <nav aria-label="Window" className={styles.choices}>
          <span>window</span>
          {WINDOW_NAMES.map((window) => (
            <a key={window} href={viewHref({ window, service: data.service })} aria-current={window === data.window ? 'page' : undefined}>
              {window}
            </a>
          ))}
        </nav>
        <nav aria-label="Service" className={styles.choices}>
          <span>service</span>
          <a href={viewHref({ window: data.window })} aria-current={data.service === undefined ? 'page' : undefined}>
            all
          </a>
          {data.allServices.map((service) => (
            <a key={service} href={viewHref({ window: data.window, service })} aria-current={service === data.service ? 'page' : undefined}>
              {service}
            </a>
          ))}
        </nav>
      </div>
      {data.problems.length > 0 && (
        <div className={styles.problem} role="alert" data-testid="problems">
          {data.problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      {data.services.length === 0 && data.problems.length === 0 && (
        <p className={styles.empty} data-testid="no-services">
          {data.service === undefined
            ? `No spans in the last ${data.window}. Click on the demo page, or run npm run traffic.`
            : `No spans of ${data.service} in the last ${data.window}.`}
        </p>
      )}
      {data.services.map((section) => (
        <Service key={section.service} section={section} data={data} />
      ))}
      <section className={`card ${styles.service}`} data-testid="web-vitals" aria-labelledby="web-vitals">
        <header className={styles.serviceHead}>
          <h2 id="web-vitals">Web vitals in the browser</h2>
          <p className={styles.now}>p75 per page over the last {data.window}, rated by the web-vitals limits</p>
        </header>
        <div className={styles.vitals}>
          {data.webVitals.map((section) => (
            <WebVitalCard key={section.vital} section={section} startS={data.startS} stepS={data.stepS} />
          ))}
        </div>
      </section>
    </>
  );
}
