import { excerpt, type ApiError } from '../../../server/api-errors';

// A path is only known when it is asked for.
export const dynamic = 'force-dynamic';

/**
 * Every /api path no route claims. Without this Next.js answers them with
 * its HTML "page not found", which a script calling the API cannot read.
 */
function notFound(request: Request): Response {
  const body: ApiError = {
    error: 'not_found',
    message: `no API route at ${excerpt(new URL(request.url).pathname)}: there are GET /api/health, /api/telemetry/<trace id>, /api/traces?…, /api/traces/operations?service=… and /api/services?window=…`,
  };
  return Response.json(body, { status: 404, headers: { 'cache-control': 'no-store' } });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH, notFound as OPTIONS };
