import type { FastifyInstance } from 'fastify';

/** Thrown by /error: a failure on purpose, for the workshop. */
class DemoFailure extends Error {
  override name = 'DemoFailure';
}

export function registerErrorRoute(app: FastifyInstance): void {
  app.get('/error', () => {
    throw new DemoFailure('Simulated failure in node-api (GET /error fails on purpose)');
  });
}
