import 'server-only';
import type { LogRecord } from '@o11y-demo/telemetry-query';
import type { ReportLog } from './telemetry-report';

/** One click writes a handful of lines; a cap keeps a runaway trace from making the answer huge. */
const MAX_REPORTED_LOGS = 200;
const MAX_BODY_CHARS = 500;

export function reportLogs(records: readonly LogRecord[]): { records: ReportLog[]; truncated: boolean } {
  return {
    records: records.slice(0, MAX_REPORTED_LOGS).map((record) => ({
      timeUnixMs: record.timeUnixMs,
      service: record.service,
      severityText: record.severityText,
      severityNumber: record.severityNumber,
      body: record.body.length > MAX_BODY_CHARS ? `${record.body.slice(0, MAX_BODY_CHARS)}…` : record.body,
      spanId: record.spanId,
    })),
    truncated: records.length > MAX_REPORTED_LOGS,
  };
}
