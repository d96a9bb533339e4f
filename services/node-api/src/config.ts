import { z } from 'zod';
import { FaultDefaultsEnv } from '@o11y-demo/fault-injection';
import { parseServiceEnv, listenEnv } from '@o11y-demo/service-config';
import { LOCAL_URLS, LOOPBACK, PORTS, httpUrl } from '@o11y-demo/topology';

export { ConfigError } from '@o11y-demo/service-config';

const WORKER_URL = httpUrl(PORTS.worker, LOOPBACK);
/** The page as a browser on this machine may name it. */
const FRONTEND_ORIGINS = [LOCAL_URLS.frontend, httpUrl(PORTS.frontend, LOOPBACK)];

const Origin = z.url({ message: `each entry must be an origin like ${LOCAL_URLS.frontend}` });

const Config = z.object({
  ...listenEnv(PORTS.nodeApi),
  WORKER_URL: z
    .url({ protocol: /^https?$/, message: `WORKER_URL must be an http(s) URL such as ${WORKER_URL}` })
    .default(WORKER_URL),
  CORS_ORIGINS: z
    .string()
    .default(FRONTEND_ORIGINS.join(','))
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .pipe(z.array(Origin, { message: 'CORS_ORIGINS must be a comma-separated list of origins' })),
  ...FaultDefaultsEnv,
});

export interface NodeApiConfig {
  host: string;
  port: number;
  /** Without a trailing slash. */
  workerUrl: string;
  corsOrigins: string[];
  defaultDelayMs: number;
  defaultFailRate: number;
}

/** Fails with every problem at once, each naming the variable and the accepted values. */
export function loadConfig(env: NodeJS.ProcessEnv): NodeApiConfig {
  const c = parseServiceEnv(Config, env, 'node-api');
  return {
    host: c.HOST,
    port: c.PORT,
    workerUrl: c.WORKER_URL.replace(/\/+$/, ''),
    corsOrigins: c.CORS_ORIGINS,
    defaultDelayMs: c.DEFAULT_DELAY_MS,
    defaultFailRate: c.DEFAULT_FAIL_RATE,
  };
}
