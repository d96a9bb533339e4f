import { PORTS } from '@o11y-demo/topology';
import type { ObservabilityOverview } from '../backends/observability-overview';
import styles from './HowItWorks.module.css';

const REQUEST_PATH = [
  { name: 'Browser', detail: 'frontend-web' },
  { name: 'node-api', detail: `fastify · :${PORTS.nodeApi}` },
  { name: 'worker', detail: `winston · :${PORTS.worker}` },
];

/** The hero: what the page is for and the path every click takes, naming the stores that run. */
export function HowItWorks({ overview }: { overview: ObservabilityOverview }) {
  const { traces, logs, metrics } = overview.stores;
  const backends = [
    { name: traces.name, signal: 'traces' },
    { name: logs.name, signal: 'logs' },
    { name: metrics.name, signal: 'metrics' },
  ];
  return (
    <section className={styles.hero} aria-labelledby="hero-title">
      <div className={styles.copy}>
        <h1 id="hero-title" className={styles.title}>
          One click, one distributed trace.
        </h1>
        <p className={styles.lead}>
          Every button below starts a trace in your browser. The <code>traceparent</code> header
          carries it to node-api and on to the worker, and every log line written on the way
          carries the same trace id. Click, and the result shows that click&apos;s own trace as{' '}
          {traces.name} holds it, its log lines from {logs.name} and where {metrics.name} counted it,
          as they arrive{overview.grafana ? ', with links to the same in Grafana' : ''}.
        </p>
      </div>
      <figure className={styles.flow} aria-label="How telemetry flows">
        <div className={styles.row}>
          {REQUEST_PATH.map((hop, index) => (
            <div key={hop.name} className={styles.hopWrap}>
              {index > 0 && (
                <span className={styles.arrow} aria-hidden="true">
                  <span className={styles.arrowLabel}>{index === 1 ? 'traceparent' : 'HTTP'}</span>
                </span>
              )}
              <div className={styles.hop}>
                <strong>{hop.name}</strong>
                <span>{hop.detail}</span>
              </div>
            </div>
          ))}
        </div>
        <div className={styles.fanIn} aria-hidden="true">
          <span>OTLP/HTTP from all three</span>
        </div>
        <div className={styles.collector}>
          <strong>OpenTelemetry Collector</strong>
          <span>:{PORTS.collectorOtlpHttp} · adds span metrics and the service graph</span>
        </div>
        <div className={styles.backends}>
          {backends.map((backend) => (
            <div key={backend.name} className={styles.backend}>
              <strong>{backend.name}</strong>
              <span>{backend.signal}</span>
            </div>
          ))}
        </div>
        <div className={styles.grafana} data-testid="flow-viewer">
          {overview.grafana
            ? 'Grafana and this page show all three, linked by trace id'
            : 'This page reads all three back, per click, by trace id'}
        </div>
      </figure>
    </section>
  );
}
