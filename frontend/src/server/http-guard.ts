import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiError } from './api-errors';

/**
 * The methods Next.js hands to route handlers (its HTTP_METHODS). For any
 * other, Next.js builds a WHATWG Request anyway, which the fetch standard
 * forbids for TRACE, TRACK and CONNECT: the route then fails with a 500
 * ("'TRACE' HTTP method is unsupported"); other unknown methods get a 400
 * with no body at all.
 */
const METHODS_NEXT_ROUTES = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH']);

const API_PREFIX = '/api/';

function send(response: ServerResponse, status: number, body: ApiError, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(json);
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function hasBadPercentEncoding(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Answers what Next.js would answer with a 500 or a bare status; returns false to let Next.js handle the rest. */
function screenRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const method = request.method ?? '';
  if (!METHODS_NEXT_ROUTES.has(method)) {
    send(
      response,
      405,
      { error: 'method_not_allowed', message: `${method.slice(0, 20)} is not a method this server answers` },
      { allow: [...METHODS_NEXT_ROUTES].join(', ') },
    );
    return true;
  }
  const path = pathOf(request);
  if (!path.startsWith(API_PREFIX)) return false;
  // Next.js decodes a dynamic segment (a trace id) before any route code
  // runs, and answers a malformed one with its HTML error page.
  if (hasBadPercentEncoding(path)) {
    send(response, 400, {
      error: 'bad_percent_encoding',
      message: 'the path holds a "%" that does not start a valid UTF-8 percent-encoding (write "%25" for a literal "%")',
    });
    return true;
  }
  // Browsers resolve these (also as %2e) before sending; one that arrives
  // matches no route, and Next.js answers with its HTML "page not found".
  if (path.split('/').some((segment) => ['.', '..'].includes(decodeURIComponent(segment)))) {
    send(response, 400, { error: 'dot_segment', message: 'the path holds a "." or ".." segment: resolve it before sending' });
    return true;
  }
  return false;
}

function clientErrorMessage(error: NodeJS.ErrnoException): { status: number; body: ApiError } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        body: { error: 'headers_too_large', message: `the request line and headers exceed ${http.maxHeaderSize} bytes` },
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, body: { error: 'chunk_extensions_too_large', message: 'the chunk extensions are too large' } };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, body: { error: 'request_timeout', message: 'the request did not arrive in time' } };
    case 'HPE_INVALID_METHOD':
      return { status: 400, body: { error: 'bad_request', message: 'the request line does not start with an HTTP method' } };
    default: {
      const reason = (error as { reason?: unknown }).reason;
      return {
        status: 400,
        body: {
          error: 'bad_request',
          message: `not a well-formed HTTP request (${error.code ?? 'parse error'}${typeof reason === 'string' ? `: ${reason}` : ''})`,
        },
      };
    }
  }
}

/**
 * What Node's HTTP parser rejects (oversized headers, a method it does not
 * know, a broken request line) never reaches Next.js, and Node's default
 * answer is a bare status line. This answers with the reason instead, with
 * Node's own care: only while no response has started on the connection.
 */
function answerClientError(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer },
  socket: Socket & { _httpMessage?: ServerResponse | null },
): void {
  if (error.code !== 'ECONNRESET' && socket.writable && !socket._httpMessage?.headersSent) {
    const { status, body } = clientErrorMessage(error);
    const json = JSON.stringify(body);
    // An answer to HEAD has no body: a client reads one as the start of a
    // broken next response.
    const head = error.rawPacket?.toString('latin1', 0, 5) === 'HEAD ';
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(json)}\r\nconnection: close\r\n\r\n${head ? '' : json}`,
    );
  }
  socket.destroy(error);
}

const INSTALLED = Symbol.for('o11y-demo.http-guard');

/**
 * `next start` owns the HTTP server and offers no hook in front of its
 * router, so the guard sits in the server's `emit`: it sees each request
 * (and each parse error) before Next.js does, answers the few Next.js would
 * get wrong, and passes everything else through untouched.
 */
export function installHttpGuard(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const originalEmit = prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request' && screenRequest(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
    if (event === 'clientError' && this.listenerCount('clientError') === 0) {
      answerClientError(args[0] as NodeJS.ErrnoException, args[1] as Socket);
      return true;
    }
    return originalEmit.apply(this, [event, ...args]);
  } as typeof prototype.emit;
}
