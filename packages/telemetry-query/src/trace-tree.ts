import type { TraceSpan } from './otlp-json';

/** True when `ancestor` is on the parent chain of `span`. */
export function isAncestor(spans: readonly TraceSpan[], ancestor: TraceSpan, span: TraceSpan): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const seen = new Set<string>();
  for (let current = byId.get(span.parentSpanId); current && !seen.has(current.spanId); current = byId.get(current.parentSpanId)) {
    if (current.spanId === ancestor.spanId) return true;
    seen.add(current.spanId);
  }
  return false;
}

/** The first span matching `predicate`; otherwise an Error that lists the spans seen. */
export function findSpan(spans: readonly TraceSpan[], predicate: (span: TraceSpan) => boolean, what: string): TraceSpan {
  const span = spans.find(predicate);
  if (!span) {
    const seen = spans.map((s) => `${s.service}:${s.kind}:${s.name}`).join(', ');
    throw new Error(`no ${what} in the trace; spans seen: ${seen || 'none'}`);
  }
  return span;
}

export interface SpanInTree {
  span: TraceSpan;
  /** 0 for a root (a span whose parent is not in the trace, e.g. not arrived yet). */
  depth: number;
}

/**
 * The spans in waterfall order: each root by start time, then its children
 * depth-first by start time. A span whose parent is missing counts as a root.
 */
export function spanTree(spans: readonly TraceSpan[]): SpanInTree[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId === '' || !ids.has(span.parentSpanId) || span.parentSpanId === span.spanId) roots.push(span);
    else children.set(span.parentSpanId, [...(children.get(span.parentSpanId) ?? []), span]);
  }
  const byStart = (a: TraceSpan, b: TraceSpan) => a.startTimeUnixMs - b.startTimeUnixMs;
  const ordered: SpanInTree[] = [];
  const visited = new Set<string>();
  const visit = (span: TraceSpan, depth: number) => {
    if (visited.has(span.spanId)) return;
    visited.add(span.spanId);
    ordered.push({ span, depth });
    for (const child of (children.get(span.spanId) ?? []).sort(byStart)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byStart)) visit(root, 0);
  return ordered;
}
