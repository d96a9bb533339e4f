import { DemoConsole } from '../components/DemoConsole';
import { HowItWorks } from '../components/HowItWorks';
import { SiteHeader } from '../components/SiteHeader';
import { WhereToLook } from '../components/WhereToLook';
import { readPublicConfig } from '../config/read-public-config';

export default function HomePage() {
  const config = readPublicConfig();
  return (
    <>
      <SiteHeader config={config} />
      <main className="page">
        <HowItWorks />
        <DemoConsole config={config} />
        <WhereToLook config={config} />
      </main>
      <footer className="page-footer">
        o11y-demo · OpenTelemetry JS 2.x in the browser and in Node · traces in Tempo, logs in
        Quickwit, metrics in Prometheus, all in Grafana
      </footer>
    </>
  );
}
