import { setHttpRoute } from '@o11y-demo/telemetry';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { WorkerConfig } from './config';
import { sendJson } from './json-response';
import type { Logger } from './logger';
import { failureResult, ROUTES, type RouteResult } from './routes';

/** Every route is a GET without a body; anything larger than this is refused unread. */
const MAX_BODY_BYTES = 16 * 1024;

function declaredBodyTooLarge(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isNaN(length) || length > MAX_BODY_BYTES;
}

async function handle(req: IncomingMessage, config: WorkerConfig, logger: Logger): Promise<RouteResult> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://worker.invalid');
  } catch {
    return { statusCode: 400, body: { error: 'bad_request', message: 'The request target is not a valid URL path.' } };
  }
  if (declaredBodyTooLarge(req)) {
    return { statusCode: 413, body: { error: 'payload_too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` } };
  }
  const handler = ROUTES.get(url.pathname);
  if (handler === undefined) {
    return { statusCode: 404, body: { error: 'not_found', message: `No route for ${req.method} ${url.pathname}` } };
  }
  // Set before the handler runs, so even a failing request is counted under its route.
  setHttpRoute(url.pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return { statusCode: 405, body: { error: 'method_not_allowed', message: `${url.pathname} only answers GET` } };
  }
  try {
    return await handler({ query: url.searchParams, config, logger });
  } catch (error) {
    return failureResult(error instanceof Error ? error : new Error(String(error)), logger);
  }
}

export function createWorkerServer(config: WorkerConfig, logger: Logger): Server {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Bodies are never read; discarding keeps a keep-alive connection usable after one.
    req.resume();
    handle(req, config, logger)
      .then(({ statusCode, body }) => sendJson(res, statusCode, body))
      .catch((error: unknown) => {
        logger.error('could not answer request', { err: error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', message: 'Unexpected error' });
        else res.destroy();
      });
  });
  // Malformed HTTP never reaches the handler; answer it instead of dropping the socket silently.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
