import { methodNotAllowed } from '../../../server/api-errors';

export const dynamic = 'force-dynamic';

/** Liveness for Docker healthchecks and the native stack runner. */
export function GET(): Response {
  return Response.json({ status: 'ok' });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'OPTIONS']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
