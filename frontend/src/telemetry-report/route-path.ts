/**
 * Where the browser asks for one trace's telemetry. Its own module, without
 * the report's schema, so the browser telemetry can import the prefix without
 * pulling zod into its bundle.
 */
export const TELEMETRY_ROUTE_PREFIX = '/api/telemetry';

export function telemetryReportPath(traceId: string): string {
  return `${TELEMETRY_ROUTE_PREFIX}/${traceId}`;
}
