import { join } from 'node:path';

/**
 * Where the suite finds the demo. The defaults are the native stack (`npm start`);
 * point the variables at `docker compose` (same ports on 127.0.0.1) to run the same suite there.
 */
export const targets = {
  frontend: process.env.E2E_FRONTEND_URL ?? 'http://localhost:3001',
  nodeApi: process.env.E2E_NODE_API_URL ?? 'http://localhost:8001',
  tempo: process.env.E2E_TEMPO_URL ?? 'http://localhost:3200',
  prometheus: process.env.E2E_PROMETHEUS_URL ?? 'http://localhost:9090',
  quickwit: process.env.E2E_QUICKWIT_URL ?? 'http://localhost:7280',
  grafana: process.env.E2E_GRAFANA_URL ?? 'http://localhost:3000',
  collectorHealth: process.env.E2E_COLLECTOR_HEALTH_URL ?? 'http://localhost:13133/',
  /** The collector's file export of logs, read when Quickwit is not running. */
  logsExportPath: process.env.E2E_LOGS_EXPORT_PATH ?? join(__dirname, '..', '..', '.run', 'collector', 'logs.jsonl'),
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};

/** True when `url` answers 2xx within a second: used to tell which optional backends run. */
export async function isReachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
