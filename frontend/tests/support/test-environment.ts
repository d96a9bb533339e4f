/**
 * Ports away from the stack's own (3001, 8001, 8002, 4318), so the tests run
 * next to a running demo.
 */
export const TEST_PORTS = {
  frontend: 13001,
  nodeApi: 18001,
  worker: 18002,
  /** Nothing listens here: the tests answer these requests themselves. */
  otlp: 14318,
  /**
   * The telemetry route's backends. Nothing listens here either: the route
   * must report them unreachable, by name, and the page must not link to them.
   */
  traceStore: 14686,
  logStore: 14428,
  prometheus: 14090,
} as const;

export const TEST_URLS = {
  frontend: `http://127.0.0.1:${TEST_PORTS.frontend}`,
  nodeApi: `http://127.0.0.1:${TEST_PORTS.nodeApi}`,
  worker: `http://127.0.0.1:${TEST_PORTS.worker}`,
  otlp: `http://127.0.0.1:${TEST_PORTS.otlp}`,
  traceStore: `http://127.0.0.1:${TEST_PORTS.traceStore}`,
  logStore: `http://127.0.0.1:${TEST_PORTS.logStore}`,
  prometheus: `http://127.0.0.1:${TEST_PORTS.prometheus}`,
} as const;
