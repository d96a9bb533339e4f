import { methodNotAllowed, type ApiError } from '../../../server/api-errors';
import { readServicesView } from '../../../services-view/read-services-view';
import { parseViewParams } from '../../../services-view/view-params';

// Every answer is about now.
export const dynamic = 'force-dynamic';

/**
 * GET /api/services?window=15m&service=worker: what the services view shows,
 * as JSON. It takes a window and a service name and nothing else, builds
 * every query itself (servicesViewQueries) and answers within about 3 s,
 * naming what Prometheus did not answer in `problems`.
 */
export async function GET(request: Request): Promise<Response> {
  const parsed = parseViewParams(new URL(request.url).searchParams, true);
  if (!parsed.ok) {
    const body: ApiError = { error: 'invalid_parameters', message: parsed.message };
    return Response.json(body, { status: 400 });
  }
  return Response.json(await readServicesView(parsed.value, request.signal), { headers: { 'cache-control': 'no-store' } });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'OPTIONS']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
