import type { FastifyInstance } from 'fastify';
import { SERVICE_NAME, SERVICE_VERSION } from '../service-info';

export function registerRootRoute(app: FastifyInstance): void {
  app.get('/', () => ({ service: SERVICE_NAME, version: SERVICE_VERSION, status: 'ok' }));
}
