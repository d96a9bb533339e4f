import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A string body goes as is; anything else as JSON. */
type Reply = { status?: number; body?: unknown; contentType?: string; delayMs?: number };
type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeBackend {
  url: string;
  requests: RecordedRequest[];
  /** Routes by "METHOD /path" (query ignored); unmatched requests answer 404. */
  route(key: string, handler: Handler | Reply): void;
  close(): Promise<void>;
}

/** A small in-process HTTP server standing in for a backend's API, on a free port of 127.0.0.1. */
export async function startFakeBackend(): Promise<FakeBackend> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://fake');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const handler = routes.get(`${recorded.method} ${recorded.path}`);
      void Promise.resolve(handler ? handler(recorded) : { status: 404, body: 'no route' }).then(async (reply) => {
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        if (res.destroyed) return;
        const isText = typeof reply.body === 'string' || reply.body === undefined;
        const body = isText ? ((reply.body as string | undefined) ?? '') : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? (isText ? 'text/plain' : 'application/json') });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(key, handler) {
      routes.set(key, typeof handler === 'function' ? handler : () => handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
