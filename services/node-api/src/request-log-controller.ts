import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** Probed every few seconds by orchestrators; a line each would drown the request logs. */
const QUIET_ROUTES = new Set(['/health', '/ready']);

/**
 * One summary line per request instead of fastify's two, with the HTTP semantic
 * convention names, so the fields match the span and metric attributes and
 * searches in the log store use the same words as the trace view. The duration
 * has no conventional log attribute: it is the demo's own (semconv/model).
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url;
    const fields = {
      'http.request.method': request.method,
      'http.route': route,
      'url.path': request.url.split('?')[0],
      'http.response.status_code': reply.statusCode,
      'demo.request.duration_ms': Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) request.log.error({ ...fields, err: error }, 'request errored');
    else if (route !== undefined && QUIET_ROUTES.has(route)) request.log.debug(fields, 'request completed');
    else request.log.info(fields, 'request completed');
  }
}
