/**
 * Every component's name, ports and URLs (docs/architecture.md, "Names and
 * ports"). Every port is unique across the stack, so docker compose and the
 * native stack use the same numbers; only host names differ, and those come
 * from environment variables where a caller can set them.
 */

export const PORTS = {
  frontend: 3001,
  nodeApi: 8001,
  worker: 8002,
  collectorOtlpGrpc: 4317,
  collectorOtlpHttp: 4318,
  collectorHealth: 13133,
  collectorMetrics: 8888,
  /** Jaeger's query API (v3 HTTP). */
  jaegerQuery: 16686,
  jaegerGrpcQuery: 16685,
  /** OTLP into the trace store (Jaeger natively, Tempo under compose). */
  traceStoreOtlpGrpc: 4417,
  traceStoreOtlpHttp: 4418,
  /** Jaeger's own health check extension. */
  jaegerHealth: 14133,
  victoriaLogs: 9428,
  prometheus: 9090,
  tempo: 3200,
  tempoGrpc: 9095,
  quickwit: 7280,
  quickwitGrpc: 7281,
  grafana: 3000,
} as const;

/** The address every native component binds: nothing listens beyond this machine. */
export const LOOPBACK = '127.0.0.1';

/** Quickwit 0.9's OTLP log index. */
export const QUICKWIT_LOGS_INDEX = 'otel-logs-v0_9';

/** `http://<host>:<port>`; `localhost` is what a browser on this machine is given. */
export function httpUrl(port: number, host: string = 'localhost'): string {
  return `http://${host}:${port}`;
}

/** Where a browser on this machine reaches each part that has a URL of its own. */
export const LOCAL_URLS = {
  frontend: httpUrl(PORTS.frontend),
  nodeApi: httpUrl(PORTS.nodeApi),
  worker: httpUrl(PORTS.worker),
  collectorOtlpHttp: httpUrl(PORTS.collectorOtlpHttp),
  collectorHealth: `${httpUrl(PORTS.collectorHealth)}/`,
  jaeger: httpUrl(PORTS.jaegerQuery),
  victoriaLogs: httpUrl(PORTS.victoriaLogs),
  prometheus: httpUrl(PORTS.prometheus),
  tempo: httpUrl(PORTS.tempo),
  quickwit: httpUrl(PORTS.quickwit),
  grafana: httpUrl(PORTS.grafana),
} as const;
