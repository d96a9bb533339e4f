/**
 * Everything the browser needs to know about the environment it runs in.
 * It is read from the server's environment on every request (see
 * read-public-config.ts), so one build serves Docker, the native stack and
 * any other host names.
 */
export interface PublicConfig {
  /** node-api as the browser reaches it. */
  nodeApiUrl: string;
  /** The collector's OTLP/HTTP receiver as the browser reaches it. */
  otlpUrl: string;
  serviceVersion: string;
  deploymentEnvironment: string;
}

/** The `<meta>` element the root layout renders the config into. */
export const PUBLIC_CONFIG_META_NAME = 'o11y-demo-config';
