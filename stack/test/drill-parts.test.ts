import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropsBetween, parseDropCounters } from '../src/drill/collector-drops';
import { formatDrillTable, stepPassed } from '../src/drill/drill-table';
import { DRILL_STEPS } from '../src/drill/drill-steps';
import type { StepResult } from '../src/drill/outage-drill';
import { parseDrillArgs } from '../src/drill/run-drill';
import { latencyPercentile } from '../src/drill/traced-traffic';

const METRICS = `# HELP otelcol_exporter_send_failed_spans_total Number of spans in failed attempts to send to destination.
# TYPE otelcol_exporter_send_failed_spans_total counter
otelcol_exporter_send_failed_spans_total{exporter="otlp_grpc/traces",service_name="otelcol"} 12
otelcol_exporter_send_failed_log_records_total{exporter="otlp_http/logs"} 0
otelcol_exporter_enqueue_failed_spans_total{exporter="otlp_grpc/traces"} 3
otelcol_exporter_sent_spans_total{exporter="otlp_grpc/traces"} 900
otelcol_exporter_send_failed_spans_total{error_type="Shutdown",exporter="otlp_grpc/traces"} 7
`;

describe('collector drop counters', () => {
  it('reads send_failed and enqueue_failed per exporter and ignores what was sent', () => {
    const counts = parseDropCounters(METRICS);
    assert.equal(counts.get('send_failed spans (otlp_grpc/traces)'), 12);
    assert.equal(counts.get('enqueue_failed spans (otlp_grpc/traces)'), 3);
    assert.equal(counts.get('send_failed log_records (otlp_http/logs)'), 0);
    assert.equal([...counts.keys()].some((k) => k.includes('sent')), false);
  });

  it('counts a counter that went down (a restarted collector) from zero', () => {
    const before = new Map([['send_failed spans (x)', 10]]);
    assert.equal(dropsBetween(before, new Map([['send_failed spans (x)', 14]])), 4);
    assert.equal(dropsBetween(before, new Map([['send_failed spans (x)', 2]])), 2);
    assert.equal(dropsBetween(new Map(), new Map([['enqueue_failed spans (x)', 5]])), 5);
  });
});

describe('drill report', () => {
  const result = (overrides: Partial<StepResult>): StepResult => ({
    step: DRILL_STEPS[0]!,
    tracesSent: 10,
    tracesArrived: 10,
    logLinesSent: 20,
    logLinesArrived: 20,
    incomplete: [],
    missingParts: new Map(),
    requests: 10,
    appErrors: 0,
    outageP99Ms: 41.6,
    collectorDrops: 0,
    firingAlerts: [],
    catchUpS: 6.2,
    ...overrides,
  });

  it('passes a step only when nothing was lost and every request was answered', () => {
    assert.equal(stepPassed(result({})), true);
    assert.equal(stepPassed(result({ tracesArrived: 9 })), false);
    assert.equal(stepPassed(result({ logLinesArrived: 19 })), false);
    assert.equal(stepPassed(result({ appErrors: 1 })), false);
  });

  it('marks a loss in the table and says what was missing', () => {
    const table = formatDrillTable([
      result({}),
      result({ tracesArrived: 9, incomplete: ['abc'], missingParts: new Map([['worker spans', 1]]), firingAlerts: ['TelemetryDropped'] }),
    ]);
    assert.match(table, /10\/10 +20\/20 +0\/10 +42 ms +0 +6 s +-/);
    assert.match(table, /9\/10 LOST/);
    assert.match(table, /missing worker spans x1; e\.g\. trace abc/);
    assert.match(table, /TelemetryDropped/);
  });

  it('takes the nearest-rank percentile', () => {
    const sent = [5, 1, 4, 2, 3].map((latencyMs) => ({ traceId: '', status: 200, sentAtMs: 0, latencyMs }));
    assert.equal(latencyPercentile(sent, 99), 5);
    assert.equal(latencyPercentile(sent, 50), 3);
    assert.equal(latencyPercentile([], 99), 0);
  });
});

describe('drill arguments', () => {
  it('rejects an unknown step and out-of-range numbers with the accepted values', () => {
    assert.throws(() => parseDrillArgs(['--steps', 'nope']), /unknown step "nope"; steps: trace-store-frozen/);
    assert.throws(() => parseDrillArgs(['--outage-seconds', '0']), /outage-seconds|>=1/);
    assert.throws(() => parseDrillArgs(['--rate', '500']), /--rate must be 0.5-50/);
    assert.deepEqual(parseDrillArgs(['--outage-seconds', '10', '--steps', 'collector-restarted']).steps, ['collector-restarted']);
  });
});
