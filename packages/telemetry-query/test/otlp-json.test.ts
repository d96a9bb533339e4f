import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSpan, isAncestor, isTraceId, nanosToMs, numericAttribute, readAttributes, spanTree, spansFromResourceSpans, toHexId, type TraceSpan } from '../src/index';

const TRACE_HEX = '0af7651916cd43dd8448eb211c80319c';
const SPAN_HEX = 'b7ad6b7169203331';

describe('ids', () => {
  it('keeps hex ids (lowercased) and decodes base64 ones', () => {
    assert.equal(toHexId(TRACE_HEX.toUpperCase()), TRACE_HEX);
    assert.equal(toHexId(Buffer.from(TRACE_HEX, 'hex').toString('base64')), TRACE_HEX);
    assert.equal(toHexId(Buffer.from(SPAN_HEX, 'hex').toString('base64')), SPAN_HEX);
    assert.equal(toHexId(undefined), '');
    assert.equal(toHexId(''), '');
  });

  it('tells trace ids from other strings', () => {
    assert.equal(isTraceId(TRACE_HEX), true);
    assert.equal(isTraceId(TRACE_HEX.toUpperCase()), true);
    assert.equal(isTraceId('0'.repeat(32)), false);
    assert.equal(isTraceId(TRACE_HEX.slice(1)), false);
    assert.equal(isTraceId(`${TRACE_HEX.slice(1)}g`), false);
    assert.equal(isTraceId(SPAN_HEX), false);
  });
});

describe('values and times', () => {
  it('reads every OTLP value type', () => {
    const attributes = readAttributes([
      { key: 's', value: { stringValue: 'x' } },
      { key: 'i', value: { intValue: '42' } },
      { key: 'n', value: { intValue: 7 } },
      { key: 'd', value: { doubleValue: 0.5 } },
      { key: 'b', value: { boolValue: false } },
      { key: 'a', value: { arrayValue: { values: [{ stringValue: 'p' }, { intValue: '1' }] } } },
      { key: 'm', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } } },
      { key: 'empty' },
    ]);
    assert.deepEqual(attributes, { s: 'x', i: 42, n: 7, d: 0.5, b: false, a: '["p",1]', m: '{"k":true}', empty: undefined });
  });

  it('turns nanoseconds into float milliseconds without losing the microseconds', () => {
    assert.equal(nanosToMs('1751360400123456789'), 1751360400123.4568);
    assert.equal(nanosToMs(1_500_000), 1.5);
    assert.equal(nanosToMs(undefined), 0);
  });

  it('reads numbers stored as text', () => {
    assert.equal(numericAttribute('2.5'), 2.5);
    assert.equal(numericAttribute(3), 3);
    assert.equal(numericAttribute('abc'), undefined);
    assert.equal(numericAttribute(''), undefined);
    assert.equal(numericAttribute(true), undefined);
  });
});

describe('spansFromResourceSpans', () => {
  it('reads Jaeger-style OTLP JSON (hex ids, numeric enums)', () => {
    const [span] = spansFromResourceSpans([
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'node-api' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE_HEX,
                spanId: SPAN_HEX,
                parentSpanId: '',
                name: 'GET /data',
                kind: 2,
                startTimeUnixNano: '1751360400000000000',
                endTimeUnixNano: '1751360400012500000',
                attributes: [{ key: 'http.response.status_code', value: { intValue: '500' } }],
                status: { code: 2, message: 'boom' },
                events: [{ timeUnixNano: '1751360400010000000', name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }] }],
              },
            ],
          },
        ],
      },
    ]);
    assert.deepEqual(span, {
      traceId: TRACE_HEX,
      spanId: SPAN_HEX,
      parentSpanId: '',
      name: 'GET /data',
      kind: 'SPAN_KIND_SERVER',
      service: 'node-api',
      startTimeUnixMs: 1751360400000,
      durationMs: 12.5,
      attributes: { 'http.response.status_code': 500 },
      statusCode: 'STATUS_CODE_ERROR',
      statusMessage: 'boom',
      events: [{ name: 'exception', timeUnixMs: 1751360400010, attributes: { 'exception.message': 'boom' } }],
    });
  });

  it('reads Tempo-style OTLP JSON (base64 ids, enum names, omitted defaults)', () => {
    const [span] = spansFromResourceSpans([
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'worker' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: Buffer.from(TRACE_HEX, 'hex').toString('base64'),
                spanId: Buffer.from(SPAN_HEX, 'hex').toString('base64'),
                parentSpanId: Buffer.from('00f067aa0ba902b7', 'hex').toString('base64'),
                name: 'SELECT',
                kind: 'SPAN_KIND_CLIENT',
                startTimeUnixNano: '1751360400000000000',
                endTimeUnixNano: '1751360400000250000',
                status: {},
              },
            ],
          },
        ],
      },
    ]);
    assert.equal(span?.traceId, TRACE_HEX);
    assert.equal(span?.spanId, SPAN_HEX);
    assert.equal(span?.parentSpanId, '00f067aa0ba902b7');
    assert.equal(span?.kind, 'SPAN_KIND_CLIENT');
    assert.equal(span?.statusCode, 'STATUS_CODE_UNSET');
    assert.equal(span?.durationMs, 0.25);
    assert.deepEqual(span?.events, []);
  });
});

describe('trace tree helpers', () => {
  const span = (spanId: string, parentSpanId: string, start: number, name = spanId): TraceSpan => ({
    traceId: TRACE_HEX,
    spanId,
    parentSpanId,
    name,
    kind: 'SPAN_KIND_INTERNAL',
    service: 's',
    startTimeUnixMs: start,
    durationMs: 1,
    attributes: {},
    statusCode: 'STATUS_CODE_UNSET',
    statusMessage: '',
    events: [],
  });
  const root = span('a', '', 0);
  const child = span('b', 'a', 2);
  const sibling = span('c', 'a', 1);
  const grandchild = span('d', 'b', 3);
  const orphan = span('e', 'missing', 0.5);
  const spans = [grandchild, child, orphan, root, sibling];

  it('follows the parent chain', () => {
    assert.equal(isAncestor(spans, root, grandchild), true);
    assert.equal(isAncestor(spans, sibling, grandchild), false);
    assert.equal(isAncestor(spans, grandchild, root), false);
  });

  it('finds a span or says which spans there were', () => {
    assert.equal(findSpan(spans, (s) => s.name === 'c', 'c'), sibling);
    assert.throws(() => findSpan(spans, (s) => s.name === 'z', 'span z'), /no span z in the trace; spans seen: s:SPAN_KIND_INTERNAL:d/);
  });

  it('orders spans as a waterfall', () => {
    assert.deepEqual(
      spanTree(spans).map(({ span: s, depth }) => `${s.spanId}${depth}`),
      ['a0', 'c1', 'b1', 'd2', 'e0'],
    );
  });
});
