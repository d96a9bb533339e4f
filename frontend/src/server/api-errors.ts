import 'server-only';
/** The shape of every 4xx the frontend's API answers: what went wrong, in a sentence. */
export interface ApiError {
  error: string;
  message: string;
}

/** Long or hostile input goes back shortened: enough to recognise, not enough to echo a payload. */
export function excerpt(value: string, max = 80): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max).join('')}…`;
}

function pathOf(request: Request): string {
  try {
    return new URL(request.url).pathname;
  } catch {
    return request.url;
  }
}

/**
 * A handler for the methods a route does not answer. Without it Next.js
 * answers 405 with an empty body, which tells a caller nothing.
 */
export function methodNotAllowed(allowed: readonly string[]): (request: Request) => Response {
  const allow = allowed.join(', ');
  return (request) =>
    Response.json(
      {
        error: 'method_not_allowed',
        message: `${excerpt(request.method, 20)} ${excerpt(pathOf(request))} is not answered: this route answers ${allow}`,
      } satisfies ApiError,
      { status: 405, headers: { allow } },
    );
}
