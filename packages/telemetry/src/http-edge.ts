import { metrics, ROOT_CONTEXT, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import {
  createServer,
  maxHeaderSize,
  METHODS,
  ServerResponse,
  STATUS_CODES,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * The HTTP edge every server of the demo shares: what Node itself would answer
 * with an empty body, a bare status line or a dropped connection (malformed
 * HTTP, CONNECT, an `Expect` other than 100-continue) gets a JSON answer that
 * says what was wrong, and each rejection is a server span with its status and
 * an `http.server.request.duration` point like any other request.
 *
 * The trick is to answer inside the request listener: CONNECT and unmet
 * expectations are handed back to the server as ordinary `request` events,
 * which pass through the HTTP instrumentation's wrapper of `Server.emit`.
 * Bytes the parser rejects never become a request; for those the edge records
 * the span and the duration point itself.
 */

/** What the edge answers instead of the application. */
export interface EdgeRejection {
  readonly statusCode: number;
  /** A short machine-readable code, e.g. `method_not_allowed`. */
  readonly error: string;
  /** What was wrong, in a sentence. */
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

interface HttpEdgeOptions {
  /** Named in the answers ("node-api is not a proxy"). */
  readonly serviceName: string;
  /** The service's own rejections, asked after the shared ones; undefined lets the request through. */
  readonly screen?: (request: IncomingMessage) => EdgeRejection | undefined;
  /**
   * False when a framework installs its own `clientError` listener (fastify
   * does, with `answerClientError` as its `clientErrorHandler`).
   */
  readonly answerClientErrors?: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Node's own test for a satisfiable expectation (lib/_http_server.js). */
const CONTINUE_EXPECTATION = /(?:^|\W)100-continue(?:$|\W)/i;
const SCOPE = '@o11y-demo/telemetry/http-edge';

/** A complete JSON answer on a response object. */
function sendRejection(response: ServerResponse, rejection: EdgeRejection): void {
  const payload = JSON.stringify({ error: rejection.error, message: rejection.message });
  response.writeHead(rejection.statusCode, {
    ...rejection.headers,
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  response.end(payload);
}

/** The rejections every server shares; the service's own `screen` comes after. */
function sharedRejection(request: IncomingMessage, serviceName: string): EdgeRejection | undefined {
  if (request.method === 'CONNECT') {
    return {
      statusCode: 405,
      error: 'method_not_allowed',
      message: `CONNECT ${(request.url ?? '').slice(0, 100)} is not supported: ${serviceName} is not a proxy`,
    };
  }
  const expectation = request.headers.expect;
  if (expectation !== undefined && !CONTINUE_EXPECTATION.test(expectation)) {
    return {
      statusCode: 417,
      error: 'expectation_failed',
      message: `Expect: ${expectation.slice(0, 100)} cannot be met; the only expectation supported is 100-continue`,
    };
  }
  return undefined;
}

/** A request listener that answers what the edge rejects and hands everything else to `handler`. */
function edgeRequestListener(handler: RequestListener, options: HttpEdgeOptions): RequestListener {
  return (request, response) => {
    const rejection = sharedRejection(request, options.serviceName) ?? options.screen?.(request);
    if (rejection === undefined) {
      handler(request, response);
      return;
    }
    // The body is not wanted; reading it keeps the connection usable for the next request.
    request.resume();
    sendRejection(response, rejection);
  };
}

/**
 * A node:http server with the edge in front of `handler`. CONNECT and unmet
 * expectations reach the request listener (and so the instrumentation) instead
 * of Node's silent defaults.
 */
export function createEdgeServer(handler: RequestListener, options: HttpEdgeOptions, serverOptions: ServerOptions = {}): Server {
  const server = createServer(serverOptions, edgeRequestListener(handler, options));
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => server.emit('request', request, response));
  // Node hands CONNECT over with the bare socket: a response bound to it makes it an ordinary request.
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const response = new ServerResponse(request);
    response.shouldKeepAlive = false;
    response.assignSocket(socket as Socket);
    response.on('finish', () => socket.end());
    server.emit('request', request, response);
  });
  if (options.answerClientErrors !== false) server.on('clientError', answerClientError);
  return server;
}

interface ParserError extends Error {
  code?: string;
  /** llhttp's own description, e.g. "Invalid method encountered". */
  reason?: string;
  /** The bytes the parser had when it gave up (a Buffer from Node). */
  rawPacket?: unknown;
}

function clientErrorRejection(error: ParserError): EdgeRejection {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { statusCode: 431, error: 'headers_too_large', message: `the request line and headers exceed ${maxHeaderSize} bytes` };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { statusCode: 413, error: 'chunk_extensions_too_large', message: 'the chunk extensions are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { statusCode: 408, error: 'request_timeout', message: 'the request did not arrive in time' };
    case 'HPE_INVALID_METHOD':
      return { statusCode: 400, error: 'bad_request', message: 'the request line does not start with an HTTP method' };
    default:
      return {
        statusCode: 400,
        error: 'bad_request',
        message: `malformed HTTP request (${error.code ?? 'parse error'}${error.reason === undefined ? '' : `: ${error.reason}`})`,
      };
  }
}

/** The method the raw request starts with, if it is one Node knows. */
function methodOf(rawPacket: unknown): string | undefined {
  const word = /^([A-Z-]+) /.exec(Buffer.isBuffer(rawPacket) ? rawPacket.toString('latin1', 0, 24) : '')?.[1];
  return word !== undefined && METHODS.includes(word) ? word : undefined;
}

/** The request was never parsed, so no instrumentation saw it: the span and the duration point come from here. */
function recordRejectedBytes(method: string | undefined, statusCode: number, errorType: string): void {
  const attributes: Attributes = {
    'http.request.method': method ?? '_OTHER',
    'http.response.status_code': statusCode,
    'error.type': errorType,
  };
  const started = performance.now();
  trace
    .getTracer(SCOPE)
    .startSpan(method ?? 'HTTP', { kind: SpanKind.SERVER, attributes }, ROOT_CONTEXT)
    .end();
  // Looked up per call: the meter provider is registered after this module loads, and the API has no proxy meter.
  metrics
    .getMeter(SCOPE)
    .createHistogram('http.server.request.duration', { unit: 's', description: 'Duration of HTTP server requests.' })
    .record((performance.now() - started) / 1000, attributes);
}

/**
 * Node's `clientError`: bytes its parser rejected (oversized headers, an
 * unknown method, a broken request line, chunk extensions over the limit) or
 * a request that did not arrive in time. Answered with the reason, with Node's
 * own care: only while no response has started on the connection.
 */
export function answerClientError(error: ParserError, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    socket.destroy();
    return;
  }
  const rejection = clientErrorRejection(error);
  const method = methodOf(error.rawPacket);
  if (socket.writable && inFlight?.headersSent !== true) {
    const payload = JSON.stringify({ error: rejection.error, message: rejection.message });
    socket.write(
      `HTTP/1.1 ${rejection.statusCode} ${STATUS_CODES[rejection.statusCode] ?? ''}\r\n` +
        `Content-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n` +
        // An answer to HEAD has no body: a client would read one as the start of a broken next response.
        (method === 'HEAD' ? '' : payload),
    );
  }
  recordRejectedBytes(method, rejection.statusCode, error.code ?? 'parse_error');
  socket.destroy();
}
