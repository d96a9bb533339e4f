import 'server-only';
import { siteLinks, type SiteLinks } from '../links/site-links';
import { readBackendEnv } from './backend-env';
import { findBackends } from './find-backends';
import { grafanaStatus } from './grafana';
import { prometheusServesUi } from './prometheus-ui';
import { storeIdentities, type StoreIdentities } from './store-names';
import { storeReadiness } from './store-readiness';

/** What the page says about the backends: their names, whether Grafana runs, and links to what answers. */
export interface ObservabilityOverview {
  stores: StoreIdentities;
  grafana: boolean;
  links: SiteLinks;
}

/** Read per page render (the environment and what runs can change; one build serves every setup). */
export async function readObservabilityOverview(): Promise<ObservabilityOverview> {
  const env = readBackendEnv();
  const [found, grafana] = await Promise.all([findBackends(env), grafanaStatus(env)]);
  const backends = found.ok ? found.backends : undefined;
  const [ready, servesUi] = backends
    ? await Promise.all([storeReadiness(backends), prometheusServesUi(backends.metricStore)])
    : [undefined, false];
  const grafanaUrl = grafana.state === 'up' ? grafana.publicUrl : undefined;
  return {
    stores: storeIdentities(env, backends),
    grafana: grafanaUrl !== undefined,
    links: siteLinks(env, backends, ready, servesUi, grafanaUrl),
  };
}
