import { z } from 'zod';

/** Where a service listens: `HOST` (127.0.0.1 unless told, safe on a laptop) and `PORT`. */
export function listenEnv(defaultPort: number) {
  return {
    HOST: z.string().min(1, 'HOST must be a host name or IP address to bind to, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
    PORT: z.coerce
      .number({ message: 'PORT must be a number' })
      .int('PORT must be a whole number')
      .min(0, 'PORT must be between 0 and 65535')
      .max(65535, 'PORT must be between 0 and 65535')
      .default(defaultPort),
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `env` with `schema`; fails with every problem at once, each naming the variable and the accepted values. */
export function parseServiceEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, service: string): z.output<T> {
  // An empty variable means "not set" (compose files often pass VAR= through).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message} (got "${env[String(issue.path[0])]}")`);
  throw new ConfigError(`Invalid environment for ${service}:\n${problems.join('\n')}\nFix or unset these variables and start again.`);
}

/** At startup: the config, or the problems on stderr and exit code 2 (a bad config is not a crash). */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
