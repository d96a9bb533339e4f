import { createEdgeServer } from '@o11y-demo/telemetry';
import type { Server } from 'node:http';
import { createWorkerApp } from './app';
import type { WorkerConfig } from './config';
import type { Logger } from './logger';
import { targetProblem } from './request-target';
import { SERVICE_NAME } from './service-info';

export interface WorkerServerOptions {
  /** Source of every chance the worker takes; tests pass a fixed one. */
  random?: () => number;
}

/**
 * The Express app behind the shared HTTP edge (@o11y-demo/telemetry), so that
 * every client gets an answer with a JSON reason, whatever it sent, and every
 * rejection is traced like a request.
 */
export function createWorkerServer(config: WorkerConfig, logger: Logger, { random }: WorkerServerOptions = {}): Server {
  const app = createWorkerApp({ config, logger, random });
  return createEdgeServer(
    (req, res) => {
      app(req, res);
    },
    {
      serviceName: SERVICE_NAME,
      screen: (req) => {
        const problem = targetProblem(req.url);
        return problem === undefined ? undefined : { statusCode: 400, error: 'bad_request', message: problem };
      },
    },
    // The app checks Host itself (request-guards.ts): Node's own check answers with an empty body.
    { requireHostHeader: false },
  );
}
