import type { TelemetryExpectation } from '../demo/demo-actions';
import type { LogSection, MetricSection, TraceSection } from '../telemetry-report/telemetry-report';

/** Where one signal stands: complete, or what is still missing, in words. */
export interface SignalProgress {
  complete: boolean;
  missing: string[];
}

const COMPLETE: SignalProgress = { complete: true, missing: [] };

function progress(missing: string[]): SignalProgress {
  return missing.length === 0 ? COMPLETE : { complete: false, missing };
}

/**
 * A trace is complete when every service the action touched has spans in it,
 * the failure (if the action fails on purpose) is there as a span with status
 * ERROR, and the spans form one tree from the browser's root: each service
 * exports on its own schedule, so a trace arrives in pieces.
 */
export function traceProgress(section: TraceSection | undefined, expected: TelemetryExpectation): SignalProgress {
  if (!section || section.state !== 'answered') return progress([section?.error ?? 'no answer yet']);
  const { spans } = section;
  const missing: string[] = [];
  const services = new Set(spans.map((span) => span.service));
  for (const service of expected.traceServices) {
    if (!services.has(service)) missing.push(`spans from ${service}`);
  }
  const failing = expected.failingService;
  if (failing && !spans.some((span) => span.service === failing && span.status === 'error')) {
    missing.push(`the failed span from ${failing}`);
  }
  if (spans.length > 0) {
    const ids = new Set(spans.map((span) => span.spanId));
    if (!spans.some((span) => span.parentSpanId === '')) missing.push('the root span');
    const orphans = spans.filter((span) => span.parentSpanId !== '' && !ids.has(span.parentSpanId)).length;
    if (orphans > 0) missing.push(`the parents of ${orphans} span${orphans === 1 ? '' : 's'}`);
  }
  return progress(missing);
}

/** Logs are complete when each log line the action writes is there (service and severity). */
export function logsProgress(section: LogSection | undefined, expected: TelemetryExpectation): SignalProgress {
  if (!section || section.state !== 'answered') return progress([section?.error ?? 'no answer yet']);
  const missing = expected.logs
    .filter(({ service, minSeverityNumber }) =>
      !section.records.some((record) => record.service === service && record.severityNumber >= minSeverityNumber),
    )
    .map(({ service, minSeverityNumber }) => `${minSeverityNumber >= 17 ? 'an ERROR' : 'a'} log line from ${service}`);
  return progress(missing);
}

/**
 * Metrics are complete when Prometheus holds an exemplar carrying this trace
 * id, or when span metrics reached it after the trace arrived (`traceArrivedAtUnixMs`)
 * and it still holds none: that flush counted the request, and Prometheus
 * keeps only some of the exemplars one flush brings (prometheus/README.md).
 */
export function metricsProgress(section: MetricSection | undefined, traceArrivedAtUnixMs?: number): SignalProgress {
  if (!section || section.state !== 'answered') return progress([section?.error ?? 'no answer yet']);
  return progress(section.exemplar || exemplarNotKept(section, traceArrivedAtUnixMs) ? [] : ['the span-metrics exemplar with this trace id']);
}

/** True once a span-metrics flush after the trace's arrival has come without this trace's exemplar. */
function exemplarNotKept(section: MetricSection & { state: 'answered' }, traceArrivedAtUnixMs: number | undefined): boolean {
  const flushed = section.spanMetricsAtUnixMs;
  return section.exemplar === null && traceArrivedAtUnixMs !== undefined && flushed !== undefined && flushed !== null && flushed > traceArrivedAtUnixMs;
}
