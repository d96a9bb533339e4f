import { test as base, type Page } from '@playwright/test';
import { TEST_URLS } from './test-environment';

/** OTLP/JSON attribute values, as the browser exporters write them. */
interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
}

interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

type ScalarValue = string | number | boolean | undefined;
export type AttributeValue = ScalarValue | ScalarValue[];

export interface RecordedSpan {
  serviceName: AttributeValue;
  scope: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  durationMs: number;
  attributes: Record<string, AttributeValue>;
  events: { name: string; attributes: Record<string, AttributeValue> }[];
  status?: { code?: number; message?: string };
}

export interface RecordedLogRecord {
  serviceName: AttributeValue;
  scope: string;
  /** The LogRecord's EventName field: what an event (`browser.web_vital`, `exception`) is called. */
  eventName?: string;
  severityNumber?: number;
  severityText?: string;
  traceId?: string;
  spanId?: string;
  attributes: Record<string, AttributeValue>;
}

function toScalar(value: OtlpAnyValue): ScalarValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  return undefined;
}

function toValue(value: OtlpAnyValue): AttributeValue {
  return value.arrayValue ? (value.arrayValue.values ?? []).map(toScalar) : toScalar(value);
}

function toAttributes(list: OtlpKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, toValue(value)]));
}

interface TraceRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        name: string;
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        startTimeUnixNano?: string | number;
        endTimeUnixNano?: string | number;
        attributes?: OtlpKeyValue[];
        events?: { name: string; attributes?: OtlpKeyValue[] }[];
        status?: { code?: number; message?: string };
      }[];
    }[];
  }[];
}

interface LogsRequest {
  resourceLogs?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeLogs?: {
      scope?: { name?: string };
      logRecords?: {
        eventName?: string;
        severityNumber?: number;
        severityText?: string;
        traceId?: string;
        spanId?: string;
        attributes?: OtlpKeyValue[];
      }[];
    }[];
  }[];
}

/**
 * Stands in for the collector's OTLP/HTTP receiver: answers every export
 * with 200 and keeps what the browser sent, decoded from OTLP/JSON.
 */
export class OtlpRecorder {
  readonly spans: RecordedSpan[] = [];
  readonly logRecords: RecordedLogRecord[] = [];
  /** Export requests seen, answered or not. */
  requestCount = 0;

  async answer(page: Page): Promise<void> {
    await page.route(`${TEST_URLS.otlp}/v1/**`, async (route) => {
      this.requestCount++;
      const body = route.request().postData() ?? '{}';
      if (route.request().url().endsWith('/v1/traces')) this.addTraces(JSON.parse(body) as TraceRequest);
      if (route.request().url().endsWith('/v1/logs')) this.addLogs(JSON.parse(body) as LogsRequest);
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: '{}',
      });
    });
  }

  /** Behaves like a stopped collector: every connection is refused. */
  async refuse(page: Page): Promise<void> {
    await page.route(`${TEST_URLS.otlp}/**`, async (route) => {
      this.requestCount++;
      await route.abort('connectionrefused');
    });
  }

  private addTraces(request: TraceRequest): void {
    for (const resourceSpans of request.resourceSpans ?? []) {
      const serviceName = toAttributes(resourceSpans.resource?.attributes)['service.name'];
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          this.spans.push({
            serviceName,
            scope: scopeSpans.scope?.name ?? '',
            name: span.name,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            // Nanoseconds since 1970 are past a double's exact integers: off by
            // well under a microsecond, which spans measured in ms never notice.
            durationMs: (Number(span.endTimeUnixNano ?? 0) - Number(span.startTimeUnixNano ?? 0)) / 1e6,
            attributes: toAttributes(span.attributes),
            events: (span.events ?? []).map((event) => ({
              name: event.name,
              attributes: toAttributes(event.attributes),
            })),
            status: span.status,
          });
        }
      }
    }
  }

  private addLogs(request: LogsRequest): void {
    for (const resourceLogs of request.resourceLogs ?? []) {
      const serviceName = toAttributes(resourceLogs.resource?.attributes)['service.name'];
      for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
        for (const record of scopeLogs.logRecords ?? []) {
          this.logRecords.push({
            serviceName,
            scope: scopeLogs.scope?.name ?? '',
            eventName: record.eventName || undefined,
            severityNumber: record.severityNumber,
            severityText: record.severityText,
            traceId: record.traceId || undefined,
            spanId: record.spanId || undefined,
            attributes: toAttributes(record.attributes),
          });
        }
      }
    }
  }
}

/** `otlp`: a recorder answering for the collector from the start of the test. */
export const test = base.extend<{ otlp: OtlpRecorder }>({
  otlp: async ({ page }, use) => {
    const recorder = new OtlpRecorder();
    await recorder.answer(page);
    await use(recorder);
  },
});

export { expect } from '@playwright/test';
