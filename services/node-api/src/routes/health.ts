import type { FastifyInstance } from 'fastify';
import type { WorkerClient } from '../worker-client';

/** Liveness answers without dependencies; readiness needs the worker, since /data does. */
export function registerHealthRoutes(app: FastifyInstance, worker: WorkerClient): void {
  app.get('/health', () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    if (await worker.isReachable()) return { status: 'ready', worker: 'reachable' };
    return reply.code(503).send({ status: 'not_ready', worker: 'unreachable' });
  });
}
