import type { EdgeRejection } from '@o11y-demo/telemetry';
import type { IncomingMessage } from 'node:http';

/**
 * The methods Next.js hands to route handlers (its HTTP_METHODS). For any
 * other, Next.js builds a WHATWG Request anyway, which the fetch standard
 * forbids for TRACE, TRACK and CONNECT: the route then fails with a 500
 * ("'TRACE' HTTP method is unsupported"); other unknown methods get a 400
 * with no body at all.
 */
const METHODS_NEXT_ROUTES = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH']);

const API_PREFIX = '/api/';

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function hasBadPercentEncoding(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/**
 * What Next.js would answer with a 500, its HTML error page or a bare status,
 * answered by the shared HTTP edge instead (src/server/serve.ts); undefined
 * lets Next.js handle the request.
 */
export function screenNextRequest(request: IncomingMessage): EdgeRejection | undefined {
  const method = request.method ?? '';
  if (!METHODS_NEXT_ROUTES.has(method)) {
    return {
      statusCode: 405,
      error: 'method_not_allowed',
      message: `${method.slice(0, 20)} is not a method this server answers`,
      headers: { allow: [...METHODS_NEXT_ROUTES].join(', ') },
    };
  }
  const path = pathOf(request);
  if (!path.startsWith(API_PREFIX)) return undefined;
  // Next.js decodes a dynamic segment (a trace id) before any route code
  // runs, and answers a malformed one with its HTML error page.
  if (hasBadPercentEncoding(path)) {
    return {
      statusCode: 400,
      error: 'bad_percent_encoding',
      message: 'the path holds a "%" that does not start a valid UTF-8 percent-encoding (write "%25" for a literal "%")',
    };
  }
  // Browsers resolve these (also as %2e) before sending; one that arrives
  // matches no route, and Next.js answers with its HTML "page not found".
  if (path.split('/').some((segment) => ['.', '..'].includes(decodeURIComponent(segment)))) {
    return { statusCode: 400, error: 'dot_segment', message: 'the path holds a "." or ".." segment: resolve it before sending' };
  }
  return undefined;
}
