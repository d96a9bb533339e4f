import 'server-only';
import type { BackendEnv } from './backend-env';
import { untraced } from './untraced';

export type GrafanaStatus =
  | { state: 'not-configured' }
  | { state: 'up'; publicUrl: string }
  | { state: 'down'; reason: string };

const PROBE_TIMEOUT_MS = 1_000;
/** Long enough that polls and page loads share one probe, short enough that a Grafana started later shows up soon. */
const REMEMBER_MS = 10_000;

let remembered: { url: string; expiresAt: number; status: Promise<GrafanaStatus> } | undefined;

async function probe(url: string, publicUrl: string): Promise<GrafanaStatus> {
  try {
    const response = await untraced(() => fetch(`${url}/api/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), cache: 'no-store' }));
    await response.body?.cancel();
    return response.ok ? { state: 'up', publicUrl } : { state: 'down', reason: `HTTP ${response.status}` };
  } catch (error) {
    return { state: 'down', reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether Grafana answers its health endpoint. The page links to Grafana only
 * then: natively Grafana runs only when the user brings one, and a link to a
 * Grafana that is not there is a dead link.
 */
export function grafanaStatus(env: BackendEnv): Promise<GrafanaStatus> {
  const grafana = env.grafana;
  if (!grafana) return Promise.resolve({ state: 'not-configured' });
  const now = Date.now();
  if (remembered && remembered.url === grafana.url && now < remembered.expiresAt) return remembered.status;
  const status = probe(grafana.url, grafana.publicUrl);
  remembered = { url: grafana.url, expiresAt: now + REMEMBER_MS, status };
  return status;
}
