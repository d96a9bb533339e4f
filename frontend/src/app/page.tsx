import { readObservabilityOverview } from '../backends/observability-overview';
import { DemoConsole } from '../components/DemoConsole';
import { HowItWorks } from '../components/HowItWorks';
import { LateBanner } from '../components/LateBanner';
import { SiteHeader } from '../components/SiteHeader';
import { WhereToLook } from '../components/WhereToLook';
import { readPublicConfig } from '../config/read-public-config';

// What runs (and so what the page names and links to) is found per request.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const config = readPublicConfig();
  const overview = await readObservabilityOverview();
  const { traces, logs, metrics } = overview.stores;
  const storeNames = { traces: traces.name, logs: logs.name, metrics: metrics.name };
  return (
    <>
      <SiteHeader links={overview.links} />
      <main className="page">
        <LateBanner />
        <HowItWorks overview={overview} />
        <DemoConsole config={config} storeNames={storeNames} />
        <WhereToLook overview={overview} />
      </main>
      <footer className="page-footer" data-testid="footer">
        o11y-demo · OpenTelemetry JS 2.x in the browser and in Node · traces in {traces.name}, logs in {logs.name},
        metrics in {metrics.name}
        {overview.grafana ? ', all in Grafana' : ', and each click’s share of them right on this page'}
      </footer>
    </>
  );
}
