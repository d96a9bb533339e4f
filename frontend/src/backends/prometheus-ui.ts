import 'server-only';
import type { MetricStore } from '@o11y-demo/telemetry-query';
import { untraced } from './untraced';

const PROBE_TIMEOUT_MS = 1_000;
const REMEMBER_MS = 60_000;

let remembered: { baseUrl: string; expiresAt: number; servesUi: Promise<boolean> } | undefined;

async function probe(baseUrl: string): Promise<boolean> {
  try {
    const response = await untraced(() => fetch(`${baseUrl}/query`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), cache: 'no-store' }));
    await response.body?.cancel();
    return response.ok && (response.headers.get('content-type') ?? '').includes('text/html');
  } catch {
    return false;
  }
}

/**
 * Whether this Prometheus serves its web UI. The image under docker compose
 * has it compiled in, the native stack serves the one it builds from the
 * module's web/ui; a Prometheus built without the UI (PROMETHEUS_BIN pointing
 * at a bare `go build`) answers its pages with HTTP 500. Links go to the query
 * page when it answers, to the JSON query API otherwise: never to a 500.
 */
export function prometheusServesUi(metricStore: MetricStore): Promise<boolean> {
  const now = Date.now();
  if (remembered && remembered.baseUrl === metricStore.baseUrl && now < remembered.expiresAt) return remembered.servesUi;
  const servesUi = probe(metricStore.baseUrl);
  remembered = { baseUrl: metricStore.baseUrl, expiresAt: now + REMEMBER_MS, servesUi };
  return servesUi;
}
