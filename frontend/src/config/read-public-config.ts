import packageJson from '../../package.json';
import type { PublicConfig } from './public-config';
import { LOCAL_URLS } from '@o11y-demo/topology';

// Same default as the Node services (@o11y-demo/telemetry).
const DEFAULT_ENVIRONMENT = 'local';

function urlFromEnv(name: string, fallback: string): string {
  const value = process.env[name]?.trim();
  // Trailing slashes would produce `//v1/traces`-style URLs further down.
  return (value || fallback).replace(/\/+$/, '');
}

/**
 * `deployment.environment.name` comes from the standard
 * OTEL_RESOURCE_ATTRIBUTES so the browser reports the same environment as the
 * Node services.
 */
function deploymentEnvironmentFromEnv(): string {
  const pairs = (process.env.OTEL_RESOURCE_ATTRIBUTES ?? '').split(',');
  for (const pair of pairs) {
    const [key, value] = pair.split('=').map((part) => part.trim());
    if (key === 'deployment.environment.name' && value) {
      return decodeURIComponent(value);
    }
  }
  return DEFAULT_ENVIRONMENT;
}

/** Called per request, never at build time. */
export function readPublicConfig(): PublicConfig {
  return {
    nodeApiUrl: urlFromEnv('PUBLIC_NODE_API_URL', LOCAL_URLS.nodeApi),
    otlpUrl: urlFromEnv('PUBLIC_OTLP_URL', LOCAL_URLS.collectorOtlpHttp),
    serviceVersion: packageJson.version,
    deploymentEnvironment: deploymentEnvironmentFromEnv(),
  };
}
