import type { Page } from '@playwright/test';
import type { ReportLog, ReportSpan, TelemetryReport } from '../../src/telemetry-report/telemetry-report';

/**
 * Canned answers of GET /api/telemetry/<id>, in the route's own shape, for
 * testing the panel without backends. They describe what the stores hold
 * once a click's telemetry has arrived (the e2e suite proves the real thing
 * against the running stack).
 */

export type SpanSeed = Pick<ReportSpan, 'name' | 'service' | 'depth'> & Partial<ReportSpan>;

/** Spans from seeds: ids in order, parents by depth, a few ms apart; a seed's own fields win. */
export function spans(seeds: SpanSeed[], startUnixMs: number): ReportSpan[] {
  const ids = seeds.map((_, index) => (index + 1).toString(16).padStart(16, 'a'));
  const parents: string[] = [];
  return seeds.map((seed, index) => {
    parents[seed.depth] = ids[index]!;
    return {
      spanId: ids[index]!,
      parentSpanId: seed.depth === 0 ? '' : parents[seed.depth - 1]!,
      startTimeUnixMs: startUnixMs + index * 2,
      durationMs: 40 - index * 3,
      kind: 'SPAN_KIND_INTERNAL',
      status: 'unset',
      statusMessage: '',
      exception: null,
      http: null,
      ...seed,
    };
  });
}

function log(service: string, severityText: string, severityNumber: number, body: string, span: ReportSpan | undefined): ReportLog {
  return { timeUnixMs: (span?.startTimeUnixMs ?? 0) + 5, service, severityText, severityNumber, body, spanId: span?.spanId ?? '' };
}

const STORES: TelemetryReport['stores'] = {
  traces: { kind: 'jaeger', name: 'Jaeger', answered: true },
  logs: { kind: 'victorialogs', name: 'VictoriaLogs', answered: true },
  metrics: { kind: 'prometheus', name: 'Prometheus', answered: true },
};

export const EXCEPTION_MESSAGE = 'Simulated failure in node-api (GET /error fails on purpose)';

/** "Fetch data" as the stores hold it once everything arrived. */
export function fetchDataReport(traceId: string): TelemetryReport {
  const now = Date.now();
  const trace = spans(
    [
      { name: 'click', service: 'frontend-web', kind: 'SPAN_KIND_INTERNAL', depth: 0 },
      { name: 'demo: fetch data', service: 'frontend-web', kind: 'SPAN_KIND_INTERNAL', depth: 1 },
      { name: 'GET', service: 'frontend-web', kind: 'SPAN_KIND_CLIENT', depth: 2, http: 'GET /data -> 200' },
      { name: 'GET /data', service: 'node-api', kind: 'SPAN_KIND_SERVER', depth: 3, http: 'GET /data -> 200' },
      { name: 'GET', service: 'node-api', kind: 'SPAN_KIND_CLIENT', depth: 4 },
      { name: 'GET /data', service: 'worker', kind: 'SPAN_KIND_SERVER', depth: 5, http: 'GET /data -> 200' },
      { name: 'SELECT inventory', service: 'worker', kind: 'SPAN_KIND_CLIENT', depth: 6 },
    ],
    now - 2_000,
  );
  return {
    traceId,
    queriedAtUnixMs: now,
    tookMs: 12,
    stores: STORES,
    trace: { state: 'answered', spans: trace },
    logs: {
      state: 'answered',
      truncated: false,
      records: [
        log('worker', 'info', 9, 'inventory processed', trace[5]),
        log('node-api', 'info', 9, 'inventory served', trace[3]),
        log('node-api', 'info', 9, 'request completed', trace[3]),
      ],
    },
    metrics: {
      state: 'answered',
      exemplar: {
        service: 'node-api',
        spanName: 'GET /data',
        spanId: trace[3]!.spanId,
        bucket: '0.05',
        valueSeconds: 0.031,
        timestampUnixMs: now - 1_900,
        promql: 'traces_span_metrics_duration_seconds_bucket',
      },
      counter: {
        subject: 'GET /data on node-api',
        promql: 'sum(traces_span_metrics_calls_total{service_name="node-api", span_kind="SPAN_KIND_SERVER", http_route="/data"})',
        value: 42,
      },
    },
    links: [],
  };
}

/** "Trigger error": node-api's server span failed with its exception, and an ERROR log. */
export function triggerErrorReport(traceId: string): TelemetryReport {
  const now = Date.now();
  const trace = spans(
    [
      { name: 'click', service: 'frontend-web', kind: 'SPAN_KIND_INTERNAL', depth: 0 },
      { name: 'demo: trigger error', service: 'frontend-web', kind: 'SPAN_KIND_INTERNAL', depth: 1, status: 'error', statusMessage: 'HTTP 500' },
      { name: 'GET', service: 'frontend-web', kind: 'SPAN_KIND_CLIENT', depth: 2, http: 'GET /error -> 500' },
      {
        name: 'GET /error',
        service: 'node-api',
        kind: 'SPAN_KIND_SERVER',
        depth: 3,
        http: 'GET /error -> 500',
        status: 'error',
        exception: { type: 'DemoFailure', message: EXCEPTION_MESSAGE },
      },
    ],
    now - 2_000,
  );
  return {
    ...fetchDataReport(traceId),
    trace: { state: 'answered', spans: trace },
    logs: { state: 'answered', truncated: false, records: [log('node-api', 'error', 17, 'request errored', trace[3])] },
  };
}

/**
 * Answers the page's polls with `report` for whichever trace id they ask
 * about; the first `unreadyPolls` polls of each trace find the stores still
 * empty, as when the telemetry is on its way.
 */
export async function answerTelemetryRoute(page: Page, report: (traceId: string) => TelemetryReport, unreadyPolls = 2): Promise<void> {
  const polls = new Map<string, number>();
  await page.route('**/api/telemetry/*', async (route) => {
    const traceId = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    const seen = polls.get(traceId) ?? 0;
    polls.set(traceId, seen + 1);
    const full = report(traceId);
    const answer: TelemetryReport =
      seen < unreadyPolls
        ? {
            ...full,
            trace: { state: 'answered', spans: [] },
            logs: { state: 'answered', records: [], truncated: false },
            metrics: { state: 'answered', exemplar: null, counter: null },
          }
        : full;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) });
  });
}
