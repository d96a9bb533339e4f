import { z } from 'zod';
import { FaultDefaultsEnv } from '@o11y-demo/fault-injection';

const Config = z.object({
  HOST: z.string().min(1, 'HOST must be a host name or IP address to bind to, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(8002),
  ...FaultDefaultsEnv,
});

export interface WorkerConfig {
  host: string;
  port: number;
  defaultDelayMs: number;
  defaultFailRate: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Fails with every problem at once, each naming the variable and the accepted values. */
export function loadConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  // An empty variable means "not set" (compose files often pass VAR= through).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Config.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message} (got "${env[String(issue.path[0])]}")`);
    throw new ConfigError(`Invalid environment for the worker:\n${problems.join('\n')}\nFix or unset these variables and start again.`);
  }
  const c = parsed.data;
  return { host: c.HOST, port: c.PORT, defaultDelayMs: c.DEFAULT_DELAY_MS, defaultFailRate: c.DEFAULT_FAIL_RATE };
}
