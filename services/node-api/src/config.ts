import { z } from 'zod';
import { FaultDefaultsEnv } from '@o11y-demo/fault-injection';

const Origin = z.url({ message: 'each entry must be an origin like http://localhost:3001' });

const Config = z.object({
  HOST: z.string().min(1, 'HOST must be a host name or IP address to bind to, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(8001),
  WORKER_URL: z
    .url({ protocol: /^https?$/, message: 'WORKER_URL must be an http(s) URL such as http://127.0.0.1:8002' })
    .default('http://127.0.0.1:8002'),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:3001,http://127.0.0.1:3001')
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

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Fails with every problem at once, each naming the variable and the accepted values. */
export function loadConfig(env: NodeJS.ProcessEnv): NodeApiConfig {
  // An empty variable means "not set" (compose files often pass VAR= through).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Config.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message} (got "${env[String(issue.path[0])]}")`);
    throw new ConfigError(`Invalid environment for node-api:\n${problems.join('\n')}\nFix or unset these variables and start again.`);
  }
  const c = parsed.data;
  return {
    host: c.HOST,
    port: c.PORT,
    workerUrl: c.WORKER_URL.replace(/\/+$/, ''),
    corsOrigins: c.CORS_ORIGINS,
    defaultDelayMs: c.DEFAULT_DELAY_MS,
    defaultFailRate: c.DEFAULT_FAIL_RATE,
  };
}
