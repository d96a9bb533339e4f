import { readBackendConfig, type BackendConfig } from '@o11y-demo/telemetry-query';
import { httpUrl, LOCAL_URLS, LOOPBACK, PORTS } from '@o11y-demo/topology';

/**
 * Where the suite finds the demo. The defaults are the native stack (`npm start`);
 * point the variables at `docker compose` (same ports on 127.0.0.1) to run the same suite there.
 */
export const targets = {
  frontend: process.env.E2E_FRONTEND_URL ?? LOCAL_URLS.frontend,
  nodeApi: process.env.E2E_NODE_API_URL ?? LOCAL_URLS.nodeApi,
  grafana: process.env.E2E_GRAFANA_URL ?? LOCAL_URLS.grafana,
  collectorHealth: process.env.E2E_COLLECTOR_HEALTH_URL ?? LOCAL_URLS.collectorHealth,
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};

/**
 * The trace, log and metric stores to read from. Unset kinds and URLs are found
 * by probing (Jaeger, then Tempo; VictoriaLogs, then Quickwit): the same suite
 * proves the native stack and docker compose.
 */
export const backendConfig: BackendConfig = readBackendConfig({
  TRACE_STORE: process.env.E2E_TRACE_STORE,
  TRACE_STORE_URL: process.env.E2E_TRACE_STORE_URL,
  LOG_STORE: process.env.E2E_LOG_STORE,
  LOG_STORE_URL: process.env.E2E_LOG_STORE_URL,
  PROMETHEUS_URL: process.env.E2E_PROMETHEUS_URL ?? httpUrl(PORTS.prometheus, LOOPBACK),
});

/** True when `url` answers 2xx within a second: used to tell which optional parts run. */
export async function isReachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
