import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OTLP/HTTP receiver for tests: accepts the JSON encoding
 * (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) and keeps every span, log record and
 * metric data point, flattened into plain objects that are easy to assert on.
 */

export type Attributes = Record<string, unknown>;

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP numbering: 1 internal, 2 server, 3 client. */
  kind: number;
  /** OTLP numbering: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string | undefined;
  startNanos: bigint;
  endNanos: bigint;
  attributes: Attributes;
  events: Array<{ name: string; attributes: Attributes }>;
  resource: Attributes;
  scope: string;
}

export interface ReceivedLog {
  traceId: string | undefined;
  spanId: string | undefined;
  severityNumber: number;
  severityText: string | undefined;
  body: unknown;
  attributes: Attributes;
  resource: Attributes;
}

export interface ReceivedMetricPoint {
  name: string;
  type: 'histogram' | 'sum' | 'gauge' | 'other';
  attributes: Attributes;
  /** Sum and gauge value. */
  value: number | undefined;
  /** Histogram count. */
  count: number | undefined;
  resource: Attributes;
}

export interface OtlpReceiver {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  spans: ReceivedSpan[];
  logs: ReceivedLog[];
  metrics: ReceivedMetricPoint[];
  close(): Promise<void>;
}

interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
}

function anyValue(value: OtlpAnyValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(anyValue);
  if (value.kvlistValue !== undefined) return attributes(value.kvlistValue.values);
  return undefined;
}

function attributes(list: OtlpKeyValue[] | undefined): Attributes {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, anyValue(value)]));
}

/** Ids arrive hex encoded in OTLP/JSON; an all-empty id means "none". */
function id(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !/^0+$/.test(value) ? value : undefined;
}

// The OTLP/JSON payloads are typed loosely on purpose: this is the boundary
// where foreign data comes in, and every field read below is checked.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function collectSpans(body: Json, into: ReceivedSpan[]): void {
  for (const rs of body.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        into.push({
          traceId: String(s.traceId),
          spanId: String(s.spanId),
          parentSpanId: id(s.parentSpanId),
          name: String(s.name),
          kind: Number(s.kind ?? 0),
          statusCode: Number(s.status?.code ?? 0),
          statusMessage: s.status?.message,
          startNanos: BigInt(s.startTimeUnixNano ?? 0),
          endNanos: BigInt(s.endTimeUnixNano ?? 0),
          attributes: attributes(s.attributes),
          events: (s.events ?? []).map((e: Json) => ({ name: String(e.name), attributes: attributes(e.attributes) })),
          resource,
          scope: String(ss.scope?.name ?? ''),
        });
      }
    }
  }
}

function collectLogs(body: Json, into: ReceivedLog[]): void {
  for (const rl of body.resourceLogs ?? []) {
    const resource = attributes(rl.resource?.attributes);
    for (const sl of rl.scopeLogs ?? []) {
      for (const r of sl.logRecords ?? []) {
        into.push({
          traceId: id(r.traceId),
          spanId: id(r.spanId),
          severityNumber: Number(r.severityNumber ?? 0),
          severityText: r.severityText,
          body: anyValue(r.body),
          attributes: attributes(r.attributes),
          resource,
        });
      }
    }
  }
}

function collectMetrics(body: Json, into: ReceivedMetricPoint[]): void {
  for (const rm of body.resourceMetrics ?? []) {
    const resource = attributes(rm.resource?.attributes);
    for (const sm of rm.scopeMetrics ?? []) {
      for (const m of sm.metrics ?? []) {
        const [type, data] = m.histogram
          ? (['histogram', m.histogram] as const)
          : m.sum
            ? (['sum', m.sum] as const)
            : m.gauge
              ? (['gauge', m.gauge] as const)
              : (['other', undefined] as const);
        for (const p of data?.dataPoints ?? []) {
          const raw = p.asDouble ?? p.asInt;
          into.push({
            name: String(m.name),
            type,
            attributes: attributes(p.attributes),
            value: raw === undefined ? undefined : Number(raw),
            count: p.count === undefined ? undefined : Number(p.count),
            resource,
          });
        }
      }
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const logs: ReceivedLog[] = [];
  const metrics: ReceivedMetricPoint[] = [];
  const server = createServer((req, res) => {
    readBody(req)
      .then((text) => {
        const body: Json = JSON.parse(text);
        if (req.url === '/v1/traces') collectSpans(body, spans);
        else if (req.url === '/v1/logs') collectLogs(body, logs);
        else if (req.url === '/v1/metrics') collectMetrics(body, metrics);
        else {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })
      .catch(() => res.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    logs,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
