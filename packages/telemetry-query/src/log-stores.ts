import { LOOPBACK, PORTS, httpUrl } from '@o11y-demo/topology';
import { z } from 'zod';
import { BackendError, backendRequest, expectOk, parseJsonBody, probe, type Readiness } from './http';
import { HttpStore, type StoreOptions } from './http-store';
import { toHexId, type AttributeValue, type Attributes } from './otlp-json';
import { requireTraceId } from './trace-id';

export type LogStoreKind = 'victorialogs' | 'quickwit';
export const LOG_STORE_KINDS = ['victorialogs', 'quickwit'] as const satisfies readonly LogStoreKind[];

/** One log record as every caller reads it, whichever log store it came from. */
export interface LogRecord {
  /** Float milliseconds since the epoch. */
  timeUnixMs: number;
  service: string;
  /** Lowercase hex, '' when the record has none. */
  traceId: string;
  spanId: string;
  severityText: string;
  severityNumber: number;
  body: string;
  /**
   * The record's attributes merged with its resource attributes other than
   * service.name (VictoriaLogs stores both as flat fields and cannot tell them
   * apart; the record's own attribute wins a clash). Nested maps are flattened
   * to dotted keys, arrays come as JSON text. Types are the store's: VictoriaLogs
   * returns every value as a string (see numericAttribute), Quickwit keeps JSON types.
   */
  attributes: Attributes;
}

export interface ServiceLogsOptions {
  /** Only records at or after this time. */
  sinceUnixMs: number;
  /** At most this many records: the newest ones. */
  limit: number;
}

export interface LogStore {
  readonly kind: LogStoreKind;
  /** 'VictoriaLogs' or 'Quickwit'. */
  readonly displayName: string;
  readonly baseUrl: string;
  readonly readinessUrl: string;
  isReady(signal?: AbortSignal): Promise<boolean>;
  checkReady(signal?: AbortSignal): Promise<Readiness>;
  /** The records carrying `traceId`, oldest first; [] while none has arrived. */
  findLogsByTraceId(traceId: string, signal?: AbortSignal): Promise<LogRecord[]>;
  /** The newest `limit` records of `service` since `sinceUnixMs`, oldest first. */
  findServiceLogs(service: string, options: ServiceLogsOptions, signal?: AbortSignal): Promise<LogRecord[]>;
  /** The store's own search page with the trace's logs, or `undefined` when this store serves no UI. */
  searchUiUrl(traceId: string): string | undefined;
}

export interface LogStoreOptions extends StoreOptions {
  /** The most records one query returns (default 1000). */
  maxRecords?: number;
  /**
   * VictoriaLogs: call /internal/force_flush before each query, so records
   * ingested a moment ago are searchable (default false: see the README for the delay).
   */
  flushBeforeQuery?: boolean;
  /** Quickwit: whether it serves its UI at /ui (builds without the UI assets answer 404). */
  hasUi?: boolean;
}

const DEFAULT_MAX_RECORDS = 1000;

function byTime(a: LogRecord, b: LogRecord): number {
  return a.timeUnixMs - b.timeUnixMs;
}

/** `2026-07-01T10:00:00.123456789Z` -> float ms (Date.parse keeps only milliseconds). */
export function rfc3339ToUnixMs(value: string): number {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(value);
  if (!match) return Number.NaN;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  const fraction = match[2] ? Number(`0.${match[2]}`) * 1000 : 0;
  return seconds + fraction;
}

/** A LogsQL string literal (Go-style quoting, which JSON's escaping satisfies). */
function logsqlString(value: string): string {
  return JSON.stringify(value);
}

/** Fields VictoriaLogs' OTLP ingestion writes that LogRecord carries elsewhere (or leaves out, like the scope). */
function isVictoriaLogsStructuralField(name: string): boolean {
  return (
    name.startsWith('_') ||
    name.startsWith('scope.') ||
    ['service.name', 'trace_id', 'span_id', 'severity_text', 'severity_number'].includes(name)
  );
}

/**
 * What VictoriaLogs writes as _msg when a record has no string body (its
 * -defaultMsgValue; a map body is spread into fields instead): not the record's text.
 */
const VICTORIALOGS_MISSING_MSG = /^missing _msg field; see https:\/\/docs\.victoriametrics\.com\//;

/** VictoriaLogs answers JSON lines whose values are all strings. */
const victoriaLogsLineSchema = z.record(z.string(), z.string());

export class VictoriaLogsStore extends HttpStore implements LogStore {
  readonly kind = 'victorialogs' as const;
  readonly displayName = 'VictoriaLogs';
  private readonly maxRecords: number;
  private readonly flushBeforeQuery: boolean;

  constructor(baseUrl: string, options: LogStoreOptions = {}) {
    super(baseUrl, options);
    this.maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
    this.flushBeforeQuery = options.flushBeforeQuery ?? false;
  }

  get readinessUrl(): string {
    return `${this.baseUrl}/health`;
  }

  protected readyAnswer(text: string): boolean {
    return text.trim() === 'OK';
  }

  static traceQuery(traceId: string): string {
    return `trace_id:=${logsqlString(traceId.toLowerCase())}`;
  }

  async findLogsByTraceId(traceId: string, signal?: AbortSignal): Promise<LogRecord[]> {
    const query = VictoriaLogsStore.traceQuery(requireTraceId(traceId));
    return (await this.query({ query, limit: String(this.maxRecords) }, signal)).sort(byTime);
  }

  async findServiceLogs(service: string, options: ServiceLogsOptions, signal?: AbortSignal): Promise<LogRecord[]> {
    const query = `${logsqlString('service.name')}:=${logsqlString(service)}`;
    const params = { query, start: new Date(options.sinceUnixMs).toISOString(), limit: String(Math.min(options.limit, this.maxRecords)) };
    return (await this.query(params, signal)).sort(byTime);
  }

  /** Makes everything ingested so far searchable now (otherwise within about a second). */
  async flush(signal?: AbortSignal): Promise<void> {
    const request = { backend: this.displayName, url: `${this.baseUrl}/internal/force_flush`, signal, timeoutMs: this.timeoutMs };
    expectOk(request, await backendRequest(request));
  }

  /** vmui with the query filled in (hash route; the time range is the last 24 hours). */
  searchUiUrl(traceId: string): string {
    const query = VictoriaLogsStore.traceQuery(traceId);
    return `${this.baseUrl}/select/vmui/#/?query=${encodeURIComponent(query)}&g0.range_input=24h&g0.relative_time=last_24_hours`;
  }

  private async query(params: Record<string, string>, signal?: AbortSignal): Promise<LogRecord[]> {
    if (this.flushBeforeQuery) await this.flush(signal);
    const url = `${this.baseUrl}/select/logsql/query?${new URLSearchParams(params)}`;
    const request = { backend: this.displayName, url, signal, timeoutMs: this.timeoutMs };
    const response = await backendRequest(request);
    expectOk(request, response);
    const records: LogRecord[] = [];
    for (const line of response.text.split('\n')) {
      if (line.trim() === '') continue;
      const fields = parseJsonBody(request, line, victoriaLogsLineSchema);
      records.push(this.toLogRecord(request, fields));
    }
    return records;
  }

  private toLogRecord(request: { backend: string; url: string }, fields: Record<string, string>): LogRecord {
    const timeUnixMs = rfc3339ToUnixMs(fields['_time'] ?? '');
    if (Number.isNaN(timeUnixMs)) {
      throw new BackendError(request.backend, request.url, undefined, `${request.backend}: ${request.url} answered a record without a readable _time: ${JSON.stringify(fields)}`);
    }
    const attributes: Attributes = {};
    for (const [name, value] of Object.entries(fields)) {
      if (!isVictoriaLogsStructuralField(name)) attributes[name] = value;
    }
    return {
      timeUnixMs,
      service: fields['service.name'] ?? '',
      traceId: (fields['trace_id'] ?? '').toLowerCase(),
      spanId: (fields['span_id'] ?? '').toLowerCase(),
      severityText: fields['severity_text'] ?? '',
      severityNumber: Number(fields['severity_number'] ?? 0) || 0,
      body: VICTORIALOGS_MISSING_MSG.test(fields['_msg'] ?? '') ? '' : (fields['_msg'] ?? ''),
      attributes,
    };
  }
}

const jsonRecord = z.record(z.string(), z.unknown());
/** A hit of Quickwit's OpenTelemetry logs index (otel-logs-v0_9; its doc mapping). */
const quickwitHitSchema = z.object({
  timestamp_nanos: z.number().optional(),
  service_name: z.string().optional(),
  trace_id: z.string().optional(),
  span_id: z.string().optional(),
  severity_text: z.string().optional(),
  severity_number: z.number().optional(),
  body: z.union([z.string(), jsonRecord, z.null()]).optional(),
  attributes: jsonRecord.optional(),
  resource_attributes: jsonRecord.optional(),
});
const quickwitSearchSchema = z.object({ hits: z.array(quickwitHitSchema), num_hits: z.number().optional() });

/** Quickwit's JSON attributes -> flat attributes like VictoriaLogs' (maps to dotted keys, arrays to JSON text). */
function flattenJson(value: Record<string, unknown>, prefix = '', into: Attributes = {}): Attributes {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) flattenJson(item as Record<string, unknown>, name, into);
    else into[name] = jsonAttribute(item);
  }
  return into;
}

function jsonAttribute(value: unknown): AttributeValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Quickwit's query language: bare terms when safe, a quoted phrase otherwise. */
function quickwitTerm(value: string): string {
  return /^[\w.-]+$/.test(value) ? value : JSON.stringify(value);
}

const QUICKWIT_LOGS_INDEX = 'otel-logs-v0_9';

export class QuickwitLogStore extends HttpStore implements LogStore {
  readonly kind = 'quickwit' as const;
  readonly displayName = 'Quickwit';
  readonly hasUi: boolean;
  private readonly maxRecords: number;

  constructor(baseUrl: string, options: LogStoreOptions = {}) {
    super(baseUrl, options);
    this.maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
    this.hasUi = options.hasUi ?? false;
  }

  get readinessUrl(): string {
    return `${this.baseUrl}/health/readyz`;
  }

  /** /health/readyz answers the JSON `true`. */
  protected readyAnswer(text: string): boolean {
    return text.trim() === 'true';
  }

  /** True when this Quickwit serves its UI (the search page answers HTML). */
  async probeUi(signal?: AbortSignal): Promise<boolean> {
    const result = await probe(this.displayName, `${this.baseUrl}/ui/search`, signal, this.probeTimeoutMs, (response) =>
      response.contentType.includes('text/html'),
    );
    return result.ready;
  }

  async findLogsByTraceId(traceId: string, signal?: AbortSignal): Promise<LogRecord[]> {
    const query = `trace_id:${requireTraceId(traceId)}`;
    return (await this.search({ query, max_hits: String(this.maxRecords) }, signal)).sort(byTime);
  }

  async findServiceLogs(service: string, options: ServiceLogsOptions, signal?: AbortSignal): Promise<LogRecord[]> {
    const params = {
      query: `service_name:${quickwitTerm(service)}`,
      start_timestamp: String(Math.floor(options.sinceUnixMs / 1000)),
      max_hits: String(Math.min(options.limit, this.maxRecords)),
      // Descending by default: the newest records.
      sort_by: 'timestamp_nanos',
    };
    const records = await this.search(params, signal);
    return records.filter((record) => record.timeUnixMs >= options.sinceUnixMs).sort(byTime);
  }

  searchUiUrl(traceId: string): string | undefined {
    if (!this.hasUi) return undefined;
    const params = new URLSearchParams({ query: `trace_id:${traceId.toLowerCase()}`, index_id: QUICKWIT_LOGS_INDEX, max_hits: '100' });
    return `${this.baseUrl}/ui/search?${params}`;
  }

  private async search(params: Record<string, string>, signal?: AbortSignal): Promise<LogRecord[]> {
    const url = `${this.baseUrl}/api/v1/${QUICKWIT_LOGS_INDEX}/search?${new URLSearchParams(params)}`;
    const request = { backend: this.displayName, url, signal, timeoutMs: this.timeoutMs };
    const response = await backendRequest(request);
    expectOk(request, response);
    const { hits } = parseJsonBody(request, response.text, quickwitSearchSchema);
    return hits.map((hit) => {
      const body = hit.body;
      const message = body !== null && typeof body === 'object' ? body['message'] : body;
      return {
        // A JSON number of nanoseconds is only exact to ~256 ns: keep microseconds.
        timeUnixMs: Math.round((hit.timestamp_nanos ?? 0) / 1e3) / 1e3,
        service: hit.service_name ?? '',
        traceId: toHexId(hit.trace_id),
        spanId: toHexId(hit.span_id),
        severityText: hit.severity_text ?? '',
        severityNumber: hit.severity_number ?? 0,
        body: typeof message === 'string' ? message : body === undefined || body === null ? '' : JSON.stringify(message ?? body),
        attributes: { ...flattenJson(hit.resource_attributes ?? {}), ...flattenJson(hit.attributes ?? {}) },
      };
    });
  }
}

export const DEFAULT_LOG_STORE_URLS: Readonly<Record<LogStoreKind, string>> = {
  victorialogs: httpUrl(PORTS.victoriaLogs, LOOPBACK),
  quickwit: httpUrl(PORTS.quickwit, LOOPBACK),
};

export function createLogStore(kind: LogStoreKind, baseUrl: string = DEFAULT_LOG_STORE_URLS[kind], options?: LogStoreOptions): LogStore {
  switch (kind) {
    case 'victorialogs':
      return new VictoriaLogsStore(baseUrl, options);
    case 'quickwit':
      return new QuickwitLogStore(baseUrl, options);
    default:
      throw new Error(`unknown log store "${String(kind)}" (expected one of: ${LOG_STORE_KINDS.join(', ')})`);
  }
}
