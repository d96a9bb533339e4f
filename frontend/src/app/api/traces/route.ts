import { methodNotAllowed, type ApiError } from '../../../server/api-errors';
import { runTraceSearch, type TraceSearchAnswer } from '../../../traces/run-trace-search';
import { parseSearchParams } from '../../../traces/search-params';

// Every answer is about now.
export const dynamic = 'force-dynamic';

/**
 * GET /api/traces?service=worker&minDuration=500ms&lookback=15m&tag=demo.scenarios%3Dslow-query&error=true&limit=20:
 * the newest traces with a span that meets every condition, from the trace
 * store that runs. The store's query is built here from checked parameters
 * (never passed through); anything else is a 400 that says what is expected.
 */
export async function GET(request: Request): Promise<Response> {
  const parsed = parseSearchParams(new URL(request.url).searchParams, true);
  if (!parsed.ok) {
    const body: ApiError = { error: 'invalid_search', message: parsed.message };
    return Response.json(body, { status: 400, headers: { 'cache-control': 'no-store' } });
  }
  const answer: TraceSearchAnswer = await runTraceSearch(parsed.value, request.signal);
  return Response.json(answer, { headers: { 'cache-control': 'no-store' } });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'OPTIONS']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
