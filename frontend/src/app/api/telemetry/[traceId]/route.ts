import { isTraceId } from '@o11y-demo/telemetry-query';
import { excerpt, methodNotAllowed } from '../../../../server/api-errors';
import { collectReport } from '../../../../telemetry-report/collect-report';
import type { TelemetryReport, TelemetryRouteError } from '../../../../telemetry-report/telemetry-report';

// Every answer is about now: nothing here may be cached or prerendered.
export const dynamic = 'force-dynamic';

/**
 * GET /api/telemetry/<trace id>: that trace's spans, logs and metrics from the
 * backends that run, for the page's telemetry panel. It takes a trace id and
 * nothing else (no URL, no query), talks only to the configured backends and
 * answers within a few seconds, naming any backend that did not answer.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ traceId: string }> },
): Promise<Response> {
  const { traceId } = await params;
  if (!isTraceId(traceId)) {
    const body: TelemetryRouteError = {
      error: 'invalid_trace_id',
      message: `"${excerpt(traceId, 64)}" is not a trace id: expected 32 hex digits, not all zeros`,
    };
    return Response.json(body, { status: 400 });
  }
  const report: TelemetryReport = await collectReport(traceId.toLowerCase(), request.signal);
  return Response.json(report, { headers: { 'cache-control': 'no-store' } });
}

const notAllowed = methodNotAllowed(['GET', 'HEAD', 'OPTIONS']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE, notAllowed as PATCH };
