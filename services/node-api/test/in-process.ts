// The SDK first: it has to hook fastify and pino before ../src/app loads them.
import { spans, SpanKind, type SpanRecord } from './in-process-telemetry';
import { ScenarioSwitch } from '@o11y-demo/scenarios';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createWorkerClient } from '../src/worker-client';

export { spans, SpanKind, type SpanRecord };

/** What the stub worker does on /data: answer, answer late, fail, send garbage, or hang up. */
export type StubBehaviour = 'ok' | 'slow' | 'fail' | 'garbage' | 'hangup';

export interface StubWorker {
  url: string;
  behaviour: StubBehaviour;
  /** How late a 'slow' answer comes. */
  slowMs: number;
  /** Every request the stub received, oldest first. */
  requests: Array<{ url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

const WORKER_DATA = {
  service: 'worker',
  items: [
    { sku: 'TEL-001', name: 'Trace collector mug', quantity: 3 },
    { sku: 'TEL-002', name: 'Span sticker pack', quantity: 7 },
  ],
  summary: { totalQuantity: 10, checksum: 'stub' },
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
}

/**
 * A worker stand-in on a free port: answers /health and /data like the real
 * worker (or misbehaves as told) and keeps the headers of every request, so a
 * test can see exactly what node-api sent (traceparent, baggage).
 */
export async function startStubWorker(): Promise<StubWorker> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    stub.requests.push({ url: req.url ?? '', headers: req.headers });
    req.resume();
    if (req.url === '/health') return sendJson(res, 200, { status: 'ok' });
    if (req.url !== '/data') return sendJson(res, 404, { error: 'not_found', message: `stub has no ${req.url}` });
    switch (stub.behaviour) {
      case 'ok':
        return sendJson(res, 200, WORKER_DATA);
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          sendJson(res, 200, WORKER_DATA);
        }, stub.slowMs);
        timer.unref();
        timers.add(timer);
        return;
      }
      case 'fail':
        return sendJson(res, 500, { error: 'internal_error', message: 'stub worker fails on purpose' });
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"service":"not the worker"');
        return;
      case 'hangup':
        req.socket.destroy();
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stub: StubWorker = {
    url: `http://127.0.0.1:${port}`,
    behaviour: 'ok',
    slowMs: 1_000,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return stub;
}

/** One pino record as node-api wrote it (JSON on its log stream). */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

export interface InProcessNodeApi {
  url: string;
  port: number;
  scenarios: ScenarioSwitch;
  /** Every log line node-api wrote, parsed. */
  logs: LogLine[];
  /** node-api's own HTTP server spans (the stub worker's are left out). */
  serverSpans(): SpanRecord[];
  /** Waits for node-api's server span of the request with this user-agent (the raw client sets one per request). */
  serverSpanOf(userAgent: string): Promise<SpanRecord>;
  close(): Promise<void>;
}

/** node-api as built by main.ts, in this process, on a free port, logging into an array. */
export async function startNodeApi(workerUrl: string, scenarios = new ScenarioSwitch()): Promise<InProcessNodeApi> {
  const logs: LogLine[] = [];
  const stream = {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') logs.push(JSON.parse(line) as LogLine);
    },
  };
  const config = loadConfig({ PORT: '0', WORKER_URL: workerUrl });
  const app = await buildApp({ config, worker: createWorkerClient(config.workerUrl), scenarios, logger: { level: 'info', stream } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const serverSpans = () => spans.filter((s) => s.kind === SpanKind.SERVER && s.attributes['server.port'] === port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    scenarios,
    logs,
    serverSpans,
    serverSpanOf: (userAgent) =>
      waitFor(() => serverSpans().find((s) => s.attributes['user_agent.original'] === userAgent), {
        timeoutMs: 5_000,
        what: `node-api's server span for user-agent ${userAgent}`,
      }),
    close: () => app.close(),
  };
}
