import { expect } from '@playwright/test';
import { readAttributes, toHexId, type Attributes, type KeyValue } from './otlp-json';
import { targets } from './targets';

export interface TraceSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: string;
  service: string;
  attributes: Attributes;
  statusCode: string;
  events: { name: string; attributes: Attributes }[];
}

interface TempoTrace {
  trace?: { resourceSpans?: TempoResourceSpans[] };
  resourceSpans?: TempoResourceSpans[];
  batches?: TempoResourceSpans[];
}
interface TempoResourceSpans {
  resource?: { attributes?: KeyValue[] };
  scopeSpans?: { spans?: TempoSpan[] }[];
}
interface TempoSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name: string;
  kind?: string | number;
  attributes?: KeyValue[];
  status?: { code?: string | number };
  events?: { name: string; attributes?: KeyValue[] }[];
}

const KINDS = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'];
const STATUS = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/** Fetches one trace by id from Tempo's API; `undefined` while Tempo does not have it yet. */
export async function queryTempoTrace(traceId: string): Promise<TraceSpan[] | undefined> {
  const response = await fetch(`${targets.tempo}/api/v2/traces/${traceId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Tempo answered ${response.status} for trace ${traceId}: ${await response.text()}`);
  const body = (await response.json()) as TempoTrace;
  const batches = body.trace?.resourceSpans ?? body.resourceSpans ?? body.batches ?? [];
  return batches.flatMap((batch) => {
    const service = String(readAttributes(batch.resource?.attributes)['service.name'] ?? '');
    return (batch.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: toHexId(span.traceId),
        spanId: toHexId(span.spanId),
        parentSpanId: toHexId(span.parentSpanId),
        name: span.name,
        kind: typeof span.kind === 'number' ? (KINDS[span.kind] ?? String(span.kind)) : (span.kind ?? ''),
        service,
        attributes: readAttributes(span.attributes),
        statusCode: typeof span.status?.code === 'number' ? (STATUS[span.status.code] ?? '') : (span.status?.code ?? 'STATUS_CODE_UNSET'),
        events: (span.events ?? []).map((event) => ({ name: event.name, attributes: readAttributes(event.attributes) })),
      })),
    );
  });
}

/**
 * Polls Tempo until the trace satisfies `isComplete` (spans of one trace arrive from
 * several processes, each on its own export schedule), then returns its spans.
 */
export async function waitForTrace(
  traceId: string,
  isComplete: (spans: TraceSpan[]) => boolean,
  description: string,
  timeout = 30_000,
): Promise<TraceSpan[]> {
  let spans: TraceSpan[] = [];
  await expect
    .poll(
      async () => {
        spans = (await queryTempoTrace(traceId)) ?? [];
        return isComplete(spans);
      },
      { timeout, message: `trace ${traceId} in Tempo: ${description}` },
    )
    .toBe(true);
  return spans;
}

/** True when `ancestor` is on the parent chain of `span`. */
export function isAncestor(spans: TraceSpan[], ancestor: TraceSpan, span: TraceSpan): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (let current = byId.get(span.parentSpanId); current; current = byId.get(current.parentSpanId)) {
    if (current.spanId === ancestor.spanId) return true;
  }
  return false;
}

export function findSpan(spans: TraceSpan[], predicate: (span: TraceSpan) => boolean, what: string): TraceSpan {
  const span = spans.find(predicate);
  if (!span) {
    const seen = spans.map((s) => `${s.service}:${s.kind}:${s.name}`).join(', ');
    throw new Error(`no ${what} in the trace; spans seen: ${seen}`);
  }
  return span;
}
