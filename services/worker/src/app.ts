import express, { type Express } from 'express';
import { logAbandonedRequests } from './abandoned-requests';
import type { WorkerConfig } from './config';
import { internalError, methodNotAllowed, notFound } from './error-answers';
import type { Logger } from './logger';
import { rejectLargeBody, requireHost } from './request-guards';
import { workerRoutes } from './routes';
import { markScenarios } from './scenarios';

export interface WorkerAppOptions {
  config: WorkerConfig;
  logger: Logger;
  /** Source of every chance the worker takes (faults, scenarios, latency); tests pass a fixed one. */
  random?: () => number;
}

export function createWorkerApp({ config, logger, random = Math.random }: WorkerAppOptions): Express {
  const app = express();
  // `/DATA` and `/data/` are not /data: each path has one spelling, so `http.route`
  // (a metric label) always names the route that answered.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  // Every answer is made for its request (it carries the trace id): a validator
  // would only let `If-None-Match` turn a 200 into an empty 304.
  app.set('etag', false);
  app.disable('x-powered-by');

  app.use(markScenarios, logAbandonedRequests(logger), requireHost, rejectLargeBody);
  for (const [path, handler] of workerRoutes({ config, logger, random })) {
    app.route(path).get(handler).all(methodNotAllowed);
  }
  app.use(notFound);
  app.use(internalError(logger));
  return app;
}
