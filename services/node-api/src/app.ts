import cors from '@fastify/cors';
import { ScenarioSwitch, type ScenarioName } from '@o11y-demo/scenarios';
import { recordServerSpanFailure } from '@o11y-demo/telemetry';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { maxHeaderSize, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { NodeApiConfig } from './config';
import { registerDataRoute } from './routes/data';
import { registerErrorRoute } from './routes/error';
import { registerHealthRoutes } from './routes/health';
import { registerRootRoute } from './routes/root';
import { registerScenarioRoutes } from './routes/scenarios';
import { RequestLogController } from './request-log-controller';
import { markServerSpan } from './scenarios';
import type { WorkerClient } from './worker-client';

declare module 'fastify' {
  interface FastifyRequest {
    /** The scenarios active when the request arrived: the whole request acts on this one set. */
    activeScenarios: readonly ScenarioName[];
  }
}

/** W3C trace context and baggage: the browser sends them so its span becomes the parent. */
const TRACE_CONTEXT_HEADERS = ['traceparent', 'tracestate', 'baggage'];
/** The only bodies are the scenario switch's `{"active": true}`; a body larger than this is refused before it is read. */
const BODY_LIMIT_BYTES = 16 * 1024;

export interface AppOptions {
  config: NodeApiConfig;
  worker: WorkerClient;
  /** The workshop's failure scenarios; node-api owns their state (tests inject their own). */
  scenarios?: ScenarioSwitch;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({
  config,
  worker,
  scenarios = new ScenarioSwitch(),
  logger = { level: 'info' },
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    logController: new RequestLogController(),
    bodyLimit: BODY_LIMIT_BYTES,
    // Requests fastify rejects before routing (e.g. a bad percent-encoding) get the same JSON shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      markServerSpan(scenarios.active());
      void reply.code(error.statusCode ?? 400).send({ error: 'bad_request', message: error.message });
    },
    clientErrorHandler: answerMalformedRequest,
  });

  // Set before any plugin or route: each captures the error handler in place when it is registered
  // (the CORS plugin's OPTIONS route would otherwise answer a bad body in fastify's own shape).
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (statusCode < 500) {
      // Malformed or oversized input: the client's mistake, answered and not logged as an error.
      return reply.code(statusCode).send(clientErrorBody(statusCode, error, request.headers['content-type']));
    }
    recordServerSpanFailure(error);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: error.message });
  });

  // Node hands CONNECT to a 'connect' listener and drops the connection when there is none,
  // and answers an Expect other than 100-continue with a bare 417: both get the JSON shape instead.
  app.server.on('connect', answerConnect);
  app.server.on('checkExpectation', answerUnmetExpectation);

  // First hook, before CORS answers preflights, so every server span is marked.
  // Declared null (fastify refuses shared arrays as defaults); the hook sets it before any handler runs.
  app.decorateRequest('activeScenarios', null as unknown as readonly ScenarioName[]);
  app.addHook('onRequest', (request, _reply, done) => {
    request.activeScenarios = scenarios.active();
    markServerSpan(request.activeScenarios);
    done();
  });

  const allowedOrigins = new Set(config.corsOrigins);
  await app.register(cors, {
    // A foreign origin gets no CORS headers at all, on simple requests and preflights alike
    // (its preflight falls through to the JSON 404); an allowed one gets its own origin back.
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin) ? origin : false),
    methods: ['GET', 'HEAD', 'PUT', 'DELETE'],
    allowedHeaders: [...TRACE_CONTEXT_HEADERS, 'content-type'],
    // Any OPTIONS from an allowed origin is answered as a preflight, never with a plain-text 400.
    strictPreflight: false,
    maxAge: 600,
  });

  registerRootRoute(app);
  registerHealthRoutes(app, worker);
  registerDataRoute(app, config, worker);
  registerErrorRoute(app);
  registerScenarioRoutes(app, scenarios);

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `No route for ${request.method} ${request.url.slice(0, 200)}` });
  });

  return app;
}

/** What fastify rejected before a handler ran (body parsing, size), in the service's shape. */
function clientErrorBody(statusCode: number, error: FastifyError, contentType: string | undefined): { error: string; message: string } {
  if (statusCode === 415) {
    const given = contentType === undefined ? 'no content-type' : `content-type ${JSON.stringify(contentType.slice(0, 100))}`;
    return { error: 'unsupported_media_type', message: `${error.message}: ${given}; the only body node-api reads is JSON (application/json)` };
  }
  if (statusCode === 413) return { error: 'payload_too_large', message: `${error.message} (at most ${BODY_LIMIT_BYTES} bytes)` };
  return { error: 'bad_request', message: error.message };
}

/** node-api is no proxy: a CONNECT gets a JSON 405 instead of a dropped connection. */
function answerConnect(_request: unknown, socket: Socket): void {
  writeJsonAndClose(socket, 405, { error: 'method_not_allowed', message: 'CONNECT is not supported: node-api is not a proxy' });
}

function answerUnmetExpectation(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  const expectation = String(request.headers.expect).slice(0, 100);
  const json = JSON.stringify({
    error: 'expectation_failed',
    message: `Expect: ${expectation} cannot be met; the only expectation supported is 100-continue`,
  });
  response.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
}

/**
 * Requests node's HTTP parser rejects (a bad header byte, an unknown method,
 * headers over the size limit) never reach a route: answer them in the same
 * JSON shape, saying what was wrong, instead of fastify's bare "Client Error".
 * Not logged: like any 4xx, it is the client's mistake.
 */
function answerMalformedRequest(error: Error & { code?: string; reason?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, body]: [number, object] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, { error: 'headers_too_large', message: `the request headers are larger than the ${maxHeaderSize} bytes accepted` }]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, { error: 'request_timeout', message: 'the request was not received in time' }]
        : [400, { error: 'bad_request', message: `malformed HTTP request: ${error.reason ?? error.message}` }];
  writeJsonAndClose(socket, statusCode, body, error);
}

function writeJsonAndClose(socket: Socket, statusCode: number, body: object, error?: Error): void {
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
