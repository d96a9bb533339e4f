import type { RequestHandler } from 'express';
import type { Logger } from './logger';

/**
 * Logs a client that hangs up before its answer, such as node-api giving up
 * after 300 ms in the worker-timeout scenario. The HTTP instrumentation ends the
 * server span at that moment, while the work goes on for no one: this WARN line
 * (with the request's trace and span ids) marks when the answer stopped mattering.
 */
export function logAbandonedRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('close', () => {
      if (res.writableFinished) return;
      logger.warn('client closed the connection before the answer', {
        'url.path': req.path,
        'demo.waited_ms': Math.round(performance.now() - started),
      });
    });
    next();
  };
}
