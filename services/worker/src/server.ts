import { createServer, maxHeaderSize, type Server } from 'node:http';
import { createWorkerApp } from './app';
import type { WorkerConfig } from './config';
import type { Logger } from './logger';
import { answerOnResponse, answerOnSocket, clientErrorAnswer } from './node-answers';
import { targetProblem } from './request-target';

export interface WorkerServerOptions {
  /** Source of every chance the worker takes; tests pass a fixed one. */
  random?: () => number;
}

/**
 * The Express app on a node:http server, plus what happens below Express, so
 * that every client gets an answer with a JSON reason, whatever it sent.
 */
export function createWorkerServer(config: WorkerConfig, logger: Logger, { random }: WorkerServerOptions = {}): Server {
  const app = createWorkerApp({ config, logger, random });
  // The app checks Host itself (request-guards.ts): Node's own check answers with an empty body.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const problem = targetProblem(req.url);
    if (problem === undefined) app(req, res);
    else answerOnResponse(res, 400, { error: 'bad_request', message: problem });
  });

  // Malformed HTTP never reaches a request listener; answer it instead of dropping the socket silently.
  server.on('clientError', (error: Error & { code?: string }, socket) => {
    if (error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const { statusCode, body } = clientErrorAnswer(error, maxHeaderSize);
    answerOnSocket(socket, statusCode, body);
  });
  // Without a listener Node answers an unknown `Expect` with an empty 417.
  server.on('checkExpectation', (req, res) => {
    answerOnResponse(res, 417, {
      error: 'expectation_failed',
      message: `Expect: ${req.headers.expect ?? ''} is not supported; only 100-continue is.`,
    });
  });
  // Without a listener Node drops a CONNECT without a word.
  server.on('connect', (req, socket) => {
    answerOnSocket(socket, 405, {
      error: 'method_not_allowed',
      message: `CONNECT ${req.url ?? ''} is not supported: the worker is not a proxy.`,
    });
  });
  return server;
}
