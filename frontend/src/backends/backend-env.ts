import 'server-only';
import { readBackendConfig, type BackendConfig } from '@o11y-demo/telemetry-query';

/**
 * Where the frontend's server finds the backends, and how a visitor's browser
 * reaches them. Read from the environment on every call (never at build time),
 * so one build serves the native stack and docker compose:
 *
 *   TRACE_STORE (jaeger|tempo), TRACE_STORE_URL, LOG_STORE (victorialogs|quickwit),
 *   LOG_STORE_URL, PROMETHEUS_URL   server side; read by @o11y-demo/telemetry-query
 *   PUBLIC_TRACE_STORE_URL, PUBLIC_LOG_STORE_URL, PUBLIC_PROMETHEUS_URL   for links
 *   GRAFANA_URL, PUBLIC_GRAFANA_URL   only when Grafana runs
 */
export interface BackendEnv {
  /** What readBackendConfig made of the variables, or why it refused them. */
  config: { ok: true; value: BackendConfig } | { ok: false; error: string };
  /** The URLs links use; unset means "same as the server's URL". */
  publicUrls: { traceStore?: string; logStore?: string; prometheus?: string };
  /** Unset when GRAFANA_URL is: then the page has no Grafana links at all. */
  grafana?: { url: string; publicUrl: string };
}

function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  // Trailing slashes would produce `//api/...`-style URLs further down.
  return value ? value.replace(/\/+$/, '') : undefined;
}

export function readBackendEnv(env: NodeJS.ProcessEnv = process.env): BackendEnv {
  let config: BackendEnv['config'];
  try {
    config = { ok: true, value: readBackendConfig(env) };
  } catch (error) {
    config = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const grafanaUrl = variable(env, 'GRAFANA_URL');
  return {
    config,
    publicUrls: {
      traceStore: variable(env, 'PUBLIC_TRACE_STORE_URL'),
      logStore: variable(env, 'PUBLIC_LOG_STORE_URL'),
      prometheus: variable(env, 'PUBLIC_PROMETHEUS_URL'),
    },
    grafana: grafanaUrl ? { url: grafanaUrl, publicUrl: variable(env, 'PUBLIC_GRAFANA_URL') ?? grafanaUrl } : undefined,
  };
}
