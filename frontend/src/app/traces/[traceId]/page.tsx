import { isTraceId } from '@o11y-demo/telemetry-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { readObservabilityOverview } from '../../../backends/observability-overview';
import { SiteHeader } from '../../../components/SiteHeader';
import { collectReport } from '../../../telemetry-report/collect-report';
import { TraceDetail } from '../../../traces/TraceDetail';
import styles from '../../../traces/traces.module.css';

// Every render reads the stores now.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ traceId: string }> }): Promise<Metadata> {
  const { traceId } = await params;
  return { title: `Trace ${isTraceId(traceId) ? traceId.toLowerCase().slice(0, 8) : ''} · o11y-demo` };
}

/**
 * /traces/<32 hex>: one trace's waterfall, log lines and metric facts, the
 * click panel's view for any trace id (an exemplar's, a log line's, a pasted
 * one). Anything else is a 404 that says what a trace id is.
 */
export default async function TracePage({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  if (!isTraceId(traceId)) notFound();
  const id = traceId.toLowerCase();
  const [overview, report] = await Promise.all([readObservabilityOverview(), collectReport(id)]);
  const spans = report.trace.state === 'answered' ? report.trace.spans : [];
  const root = spans[0];
  return (
    <>
      <SiteHeader links={overview.links} />
      <main className="page">
        <div className={`${styles.intro} ${styles.detailHeader}`}>
          <h1>{root ? `${root.service}: ${root.name}` : 'Trace'}</h1>
          <code data-testid="trace-id">{id}</code>
          <a href={`/traces/${id}`}>reload</a>
          <a href="/traces">search traces</a>
        </div>
        <TraceDetail report={report} />
      </main>
      <footer className="page-footer" data-testid="footer">
        Read from {report.stores.traces.name}, {report.stores.logs.name} and {report.stores.metrics.name} in {report.tookMs} ms.
      </footer>
    </>
  );
}
