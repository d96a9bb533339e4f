export const dynamic = 'force-dynamic';

/** Liveness for Docker healthchecks and the native stack runner. */
export function GET(): Response {
  return Response.json({ status: 'ok' });
}
