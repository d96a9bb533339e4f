/**
 * Why a request target cannot be served, if it cannot. Checked before Express:
 * its router reads the path with the legacy URL parser and, when that throws,
 * answers with its own HTML 404 before any middleware runs.
 */
export function targetProblem(target: string | undefined): string | undefined {
  let url: URL;
  try {
    url = new URL(target ?? '/', 'http://worker.invalid');
  } catch {
    return 'The request target is not a valid URL path.';
  }
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return 'The request path has malformed percent-encoding.';
  }
  return undefined;
}
