import { TRACE_SEARCH_BOUNDS } from '@o11y-demo/telemetry-query';
import { excerpt, methodNotAllowed, type ApiError } from '../../../../server/api-errors';
import { readOperations } from '../../../../traces/run-trace-search';

export const dynamic = 'force-dynamic';

function badRequest(message: string): Response {
  return Response.json({ error: 'invalid_service', message } satisfies ApiError, { status: 400, headers: { 'cache-control': 'no-store' } });
}

/**
 * GET /api/traces/operations?service=worker: the span names of one service,
 * for the search form's operation list. `{"service","operations":[...]}`, or
 * `{"service","operations":[],"error"}` when the trace store does not answer.
 */
export async function GET(request: Request): Promise<Response> {
  const search = new URL(request.url).searchParams;
  const services = search.getAll('service');
  const service = services[0] ?? '';
  if ([...search.keys()].some((key) => key !== 'service') || services.length !== 1) {
    return badRequest('expected exactly one parameter, service (e.g. ?service=worker)');
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (service === '' || service.length > TRACE_SEARCH_BOUNDS.maxTextLength || /[\u0000-\u001f\u007f]/.test(service)) {
    return badRequest(`service: expected 1 to ${TRACE_SEARCH_BOUNDS.maxTextLength} printable characters, got "${excerpt(service, 40)}"`);
  }
  try {
    return Response.json({ service, operations: await readOperations(service, request.signal) }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json({ service, operations: [], error: `unreachable: ${message}` }, { headers: { 'cache-control': 'no-store' } });
  }
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'OPTIONS']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
