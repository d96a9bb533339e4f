import cors from '@fastify/cors';
import { recordServerSpanFailure } from '@o11y-demo/telemetry';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { NodeApiConfig } from './config';
import { registerDataRoute } from './routes/data';
import { registerErrorRoute } from './routes/error';
import { registerHealthRoutes } from './routes/health';
import { registerRootRoute } from './routes/root';
import { RequestLogController } from './request-log-controller';
import type { WorkerClient } from './worker-client';

/** W3C trace context and baggage: the browser sends them so its span becomes the parent. */
const TRACE_CONTEXT_HEADERS = ['traceparent', 'tracestate', 'baggage'];
/** All routes are GETs; a body larger than this is refused before it is read. */
const BODY_LIMIT_BYTES = 16 * 1024;

export interface AppOptions {
  config: NodeApiConfig;
  worker: WorkerClient;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, worker, logger = { level: 'info' } }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    logController: new RequestLogController(),
    bodyLimit: BODY_LIMIT_BYTES,
    // Requests fastify rejects before routing (e.g. a bad percent-encoding) get the same JSON shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      void reply.code(error.statusCode ?? 400).send({ error: 'bad_request', message: error.message });
    },
  });

  await app.register(cors, {
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD'],
    allowedHeaders: [...TRACE_CONTEXT_HEADERS, 'content-type'],
    maxAge: 600,
  });

  registerRootRoute(app);
  registerHealthRoutes(app, worker);
  registerDataRoute(app, config, worker);
  registerErrorRoute(app);

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `No route for ${request.method} ${request.url.slice(0, 200)}` });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (statusCode < 500) {
      // Malformed or oversized input: the client's mistake, answered and not logged as an error.
      return reply.code(statusCode).send({ error: 'bad_request', message: error.message });
    }
    recordServerSpanFailure(error);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: error.message });
  });

  return app;
}
