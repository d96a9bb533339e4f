import type { Metadata } from 'next';
import { readObservabilityOverview } from '../../backends/observability-overview';
import { SiteHeader } from '../../components/SiteHeader';
import { readServicesView } from '../../services-view/read-services-view';
import { ServicesView } from '../../services-view/ServicesView';
import { parseViewParams, WINDOW_NAMES } from '../../services-view/view-params';
import styles from '../../services-view/ServicesView.module.css';

// Every render reads Prometheus now.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Services · o11y-demo' };

type SearchParams = Record<string, string | string[] | undefined>;

function toSearch(params: SearchParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const item of [value ?? []].flat()) search.append(key, item);
  return search;
}

/**
 * /services?window=15m&service=worker: rate, errors and latency per service
 * and operation from the collector's span metrics, like Jaeger UI's Monitor
 * tab, with exemplars leading to traces; and the browser's web vitals.
 */
export default async function ServicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const parsed = parseViewParams(toSearch(await searchParams), false);
  const [overview, data] = await Promise.all([readObservabilityOverview(), parsed.ok ? readServicesView(parsed.value) : undefined]);
  return (
    <>
      <SiteHeader links={overview.links} />
      <main className="page">
        <div className={styles.intro}>
          <h1>Services</h1>
          <p>
            Requests per second, share of errors and latency of every service and operation, from the span metrics the collector makes of
            every span (the same PromQL as Grafana&apos;s &quot;Services&quot; dashboard). Dots on a latency chart and the slowest requests
            are exemplars: each opens its trace.
          </p>
        </div>
        {data ? (
          <ServicesView data={data} />
        ) : (
          <div className={styles.problem} role="alert" data-testid="problems">
            <p>{parsed.ok ? '' : parsed.message}</p>
            <p>
              For example <a href="/services?window=15m&amp;service=worker">/services?window=15m&amp;service=worker</a> (window: {WINDOW_NAMES.join(', ')}).
            </p>
          </div>
        )}
      </main>
      <footer className="page-footer" data-testid="footer">
        {data
          ? `From ${overview.stores.metrics.name}, read in ${Math.round(data.readMs)} ms; charts every ${data.stepS} s, rates over ${data.chartRateInterval}.`
          : `From ${overview.stores.metrics.name}.`}
      </footer>
    </>
  );
}
