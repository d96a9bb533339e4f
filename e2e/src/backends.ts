import { detectBackends, type Backends } from '@o11y-demo/telemetry-query';
import { backendConfig } from './targets';

let detected: Promise<Backends> | undefined;

/**
 * The stores this run reads, found once per worker: configured by E2E_* or
 * whichever answers. A run with no trace or log store fails here, naming what
 * was probed; nothing is skipped.
 */
export function backends(): Promise<Backends> {
  detected ??= detectBackends(backendConfig);
  return detected;
}
