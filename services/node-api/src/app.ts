import cors from '@fastify/cors';
import { ScenarioSwitch, type ScenarioName } from '@o11y-demo/scenarios';
import { answerClientError, createEdgeServer, recordServerSpanFailure } from '@o11y-demo/telemetry';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
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
    // No `reqId` on every request's lines: the trace and span ids the pino
    // instrumentation adds already tie them to their request, with names the
    // log store and the trace store share.
    childLoggerFactory: (parent, _bindings, options) => parent.child({}, options),
    bodyLimit: BODY_LIMIT_BYTES,
    // Requests fastify rejects before routing (e.g. a bad percent-encoding) get the same JSON shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      markServerSpan(scenarios.active());
      void reply.code(error.statusCode ?? 400).send({ error: 'bad_request', message: error.message });
    },
    // The shared HTTP edge answers CONNECT, unmet expectations and malformed HTTP in the same JSON shape,
    // each traced as a server span with its status (fastify installs the clientError listener itself).
    serverFactory: (handler) => createEdgeServer(handler, { serviceName: 'node-api', answerClientErrors: false }),
    clientErrorHandler: answerClientError,
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
