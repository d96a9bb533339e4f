/**
 * A minimal protobuf encoder for OTLP logs (ExportLogsServiceRequest), enough
 * for the tests to send VictoriaLogs what the collector sends it: VictoriaLogs'
 * /insert/opentelemetry/v1/logs accepts protobuf only. Field numbers from
 * opentelemetry-proto (collector/logs/v1, logs/v1, common/v1, resource/v1).
 */
import type { AnyValue, KeyValue } from '../src/otlp-json';

export interface LogRecordInput {
  timeUnixNano: bigint;
  observedTimeUnixNano?: bigint;
  severityNumber?: number;
  severityText?: string;
  body?: AnyValue;
  attributes?: KeyValue[];
  /** Hex. */
  traceId?: string;
  spanId?: string;
  eventName?: string;
}

export interface ResourceLogsInput {
  resourceAttributes: KeyValue[];
  scope: { name: string; version?: string };
  records: LogRecordInput[];
}

class Writer {
  private readonly parts: Buffer[] = [];

  private varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    const bytes: number[] = [];
    while (v >= 0x80n) {
      bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    bytes.push(Number(v));
    this.parts.push(Buffer.from(bytes));
  }

  private tag(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  uint(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varint(BigInt(value));
    return this;
  }

  fixed64(field: number, value: bigint): this {
    this.tag(field, 1);
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64LE(value);
    this.parts.push(buffer);
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, 1);
    const buffer = Buffer.alloc(8);
    buffer.writeDoubleLE(value);
    this.parts.push(buffer);
    return this;
  }

  bytes(field: number, value: Buffer): this {
    this.tag(field, 2);
    this.varint(BigInt(value.length));
    this.parts.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  message(field: number, write: (writer: Writer) => void): this {
    const inner = new Writer();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function writeAnyValue(w: Writer, value: AnyValue): void {
  if (value.stringValue !== undefined) w.string(1, value.stringValue);
  else if (value.boolValue !== undefined) w.uint(2, value.boolValue ? 1 : 0);
  else if (value.intValue !== undefined) w.uint(3, BigInt(value.intValue));
  else if (value.doubleValue !== undefined) w.double(4, Number(value.doubleValue));
  else if (value.arrayValue !== undefined) w.message(5, (a) => (value.arrayValue?.values ?? []).forEach((item) => a.message(1, (v) => writeAnyValue(v, item))));
  else if (value.kvlistValue !== undefined) w.message(6, (l) => (value.kvlistValue?.values ?? []).forEach((kv) => l.message(1, (k) => writeKeyValue(k, kv))));
  else if (value.bytesValue !== undefined) w.bytes(7, Buffer.from(value.bytesValue, 'base64'));
}

function writeKeyValue(w: Writer, kv: KeyValue): void {
  w.string(1, kv.key);
  if (kv.value !== undefined) w.message(2, (v) => writeAnyValue(v, kv.value as AnyValue));
}

function writeLogRecord(w: Writer, record: LogRecordInput): void {
  w.fixed64(1, record.timeUnixNano);
  if (record.severityNumber !== undefined) w.uint(2, record.severityNumber);
  if (record.severityText !== undefined) w.string(3, record.severityText);
  if (record.body !== undefined) w.message(5, (b) => writeAnyValue(b, record.body as AnyValue));
  for (const kv of record.attributes ?? []) w.message(6, (k) => writeKeyValue(k, kv));
  if (record.traceId !== undefined) w.bytes(9, Buffer.from(record.traceId, 'hex'));
  if (record.spanId !== undefined) w.bytes(10, Buffer.from(record.spanId, 'hex'));
  if (record.observedTimeUnixNano !== undefined) w.fixed64(11, record.observedTimeUnixNano);
  if (record.eventName !== undefined) w.string(12, record.eventName);
}

/** ExportLogsServiceRequest as protobuf bytes (a Uint8Array: what fetch takes as a body). */
export function encodeLogsRequest(resources: ResourceLogsInput[]): Uint8Array<ArrayBuffer> {
  const request = new Writer();
  for (const resource of resources) {
    request.message(1, (rl) => {
      rl.message(1, (r) => resource.resourceAttributes.forEach((kv) => r.message(1, (k) => writeKeyValue(k, kv))));
      rl.message(2, (sl) => {
        sl.message(1, (s) => {
          s.string(1, resource.scope.name);
          if (resource.scope.version !== undefined) s.string(2, resource.scope.version);
        });
        for (const record of resource.records) sl.message(2, (lr) => writeLogRecord(lr, record));
      });
    });
  }
  return Uint8Array.from(request.finish());
}
