import { z } from 'zod';
import { FaultDefaultsEnv } from '@o11y-demo/fault-injection';
import { parseServiceEnv, listenEnv } from '@o11y-demo/service-config';
import { PORTS } from '@o11y-demo/topology';

export { ConfigError } from '@o11y-demo/service-config';

const Config = z.object({
  ...listenEnv(PORTS.worker),
  ...FaultDefaultsEnv,
});

export interface WorkerConfig {
  host: string;
  port: number;
  defaultDelayMs: number;
  defaultFailRate: number;
}

/** Fails with every problem at once, each naming the variable and the accepted values. */
export function loadConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const c = parseServiceEnv(Config, env, 'the worker');
  return { host: c.HOST, port: c.PORT, defaultDelayMs: c.DEFAULT_DELAY_MS, defaultFailRate: c.DEFAULT_FAIL_RATE };
}
