import { recordServerSpanFailure } from '@o11y-demo/telemetry';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';

/** Reached only when no route matched, so the server span gets no `http.route` (no unbounded label values). */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}` });
};

/** Mounted on each known path after its GET handler, so the 405 is still counted under the route. */
export const methodNotAllowed: RequestHandler = (req, res) => {
  res.set('allow', 'GET, HEAD');
  res.status(405).json({ error: 'method_not_allowed', message: `${req.path} only answers GET` });
};

/** Turns a thrown error into the 500 every route answers with, visible in all three signals. */
export function internalError(logger: Logger): ErrorRequestHandler {
  return (thrown: unknown, _req, res, next) => {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    recordServerSpanFailure(error);
    logger.error('request failed', { err: error });
    // Express's own handler closes a connection whose answer had already begun.
    if (res.headersSent) {
      next(error);
      return;
    }
    res.status(500).json({ error: 'internal_error', message: error.message });
  };
}
