import { readFile } from 'node:fs/promises';
import { readAttributes, readValue, toHexId, type AnyValue, type Attributes, type KeyValue } from './otlp-json';
import { isReachable, targets } from './targets';

/** One log record as the suite compares it, whichever backend it came from. */
export interface LogRecord {
  service: string;
  traceId: string;
  spanId: string;
  severityText: string;
  severityNumber: number;
  body: string;
  attributes: Attributes;
}

export type LogSource = 'quickwit' | 'collector file export';

/** Quickwit when it runs; otherwise the collector's file export (the native stack without Quickwit). */
export async function detectLogSource(): Promise<LogSource> {
  return (await isReachable(`${targets.quickwit}/health/readyz`)) ? 'quickwit' : 'collector file export';
}

interface QuickwitHit {
  service_name?: string;
  trace_id?: string;
  span_id?: string;
  severity_text?: string;
  severity_number?: number;
  body?: { message?: unknown } | string;
  attributes?: Attributes;
}

async function searchQuickwit(query: string): Promise<LogRecord[]> {
  const url = `${targets.quickwit}/api/v1/otel-logs-v0_9/search?${new URLSearchParams({ query, max_hits: '200' })}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Quickwit search "${query}" answered ${response.status}: ${await response.text()}`);
  const { hits } = (await response.json()) as { hits: QuickwitHit[] };
  return hits.map((hit) => ({
    service: hit.service_name ?? '',
    traceId: toHexId(hit.trace_id),
    spanId: toHexId(hit.span_id),
    severityText: hit.severity_text ?? '',
    severityNumber: hit.severity_number ?? 0,
    body: typeof hit.body === 'string' ? hit.body : String(hit.body?.message ?? JSON.stringify(hit.body ?? '')),
    attributes: hit.attributes ?? {},
  }));
}

interface FileExportLine {
  resourceLogs?: {
    resource?: { attributes?: KeyValue[] };
    scopeLogs?: {
      logRecords?: {
        traceId?: string;
        spanId?: string;
        severityText?: string;
        severityNumber?: number;
        body?: AnyValue;
        attributes?: KeyValue[];
      }[];
    }[];
  }[];
}

async function readFileExport(): Promise<LogRecord[]> {
  let text: string;
  try {
    text = await readFile(targets.logsExportPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: LogRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const batch = JSON.parse(line) as FileExportLine;
    for (const resourceLogs of batch.resourceLogs ?? []) {
      const service = String(readAttributes(resourceLogs.resource?.attributes)['service.name'] ?? '');
      for (const scope of resourceLogs.scopeLogs ?? []) {
        for (const record of scope.logRecords ?? []) {
          records.push({
            service,
            traceId: toHexId(record.traceId),
            spanId: toHexId(record.spanId),
            severityText: record.severityText ?? '',
            severityNumber: record.severityNumber ?? 0,
            body: String(readValue(record.body) ?? ''),
            attributes: readAttributes(record.attributes),
          });
        }
      }
    }
  }
  return records;
}

/** Log records carrying `traceId`, from whichever backend holds the logs. */
export async function findLogsByTraceId(source: LogSource, traceId: string): Promise<LogRecord[]> {
  if (source === 'quickwit') return searchQuickwit(`trace_id:${traceId}`);
  return (await readFileExport()).filter((record) => record.traceId === traceId);
}

/** Log records of one service, filtered by a predicate (e.g. browser records of one session). */
export async function findLogs(source: LogSource, service: string, predicate: (record: LogRecord) => boolean): Promise<LogRecord[]> {
  const records = source === 'quickwit' ? await searchQuickwit(`service_name:${service}`) : await readFileExport();
  return records.filter((record) => record.service === service && predicate(record));
}
