import type { Page } from '@playwright/test';
import type { ReportLink, ReportLog, TelemetryReport } from '../../src/telemetry-report/telemetry-report';
import type { DemoActionId } from './demo-page';
import { spans as spansFromSeeds, type SpanSeed } from './telemetry-reports';

/**
 * The telemetry route's answers as they change over the seconds after a
 * click on the native stack (Jaeger, VictoriaLogs, Prometheus; README, "The
 * telemetry panel"): the browser's spans first, node-api's and the worker's
 * a few hundred milliseconds later (trace complete about 1 s after the
 * click), the log lines at about 1.9 s (each service's on its own), the
 * span-metrics exemplar after seconds, and the links as what they open appears. The spans, lines
 * and links are those of a real click (docs/screenshot.png), so the panel
 * grows the way it does in a workshop, which is what a layout test needs;
 * tests/support/telemetry-reports.ts has the simpler all-or-nothing answers
 * the panel's own tests use.
 */

/**
 * Milliseconds after the trace's first poll (about 300 ms after the click)
 * at which each part is in the stores. The exemplar comes sooner than on the
 * stack (5-13 s): still well after the 500 ms that CLS forgives after a click,
 * and within the same 5 s session window as the rest, so a test sees every
 * late change of one click summed, and sooner.
 */
const ARRIVAL_MS = {
  browserSpans: 200,
  nodeApiSpans: 450,
  workerSpans: 700,
  /** Each service ships its own log lines (pino in node-api, winston in the worker, the browser's SDK). */
  logs: { worker: 1_300, 'node-api': 1_600, 'frontend-web': 1_600 } as Record<string, number>,
  exemplar: 3_000,
} as const;


interface ActionTelemetry {
  spans: SpanSeed[];
  /** [service, severity text, severity number, body, index of the span it was written in]. */
  logs: [string, string, number, string, number][];
  /** The route the counter counts, once node-api's (or the failing browser) span is there. */
  counter: { subject: string; promql: string; value: number };
  /** The span the exemplar points at. */
  exemplarSpan: number;
}

const TELEMETRY: Partial<Record<DemoActionId, ActionTelemetry>> = {
  'fetch-data': {
    spans: [
      { name: 'click', service: 'frontend-web', depth: 0 },
      { name: 'demo: fetch data', service: 'frontend-web', depth: 1 },
      { name: 'GET', service: 'frontend-web', depth: 2, kind: 'SPAN_KIND_CLIENT', http: 'GET /data -> 200' },
      { name: 'GET /data', service: 'node-api', depth: 3, kind: 'SPAN_KIND_SERVER', http: 'GET /data -> 200' },
      { name: 'request', service: 'node-api', depth: 4 },
      { name: 'GET', service: 'node-api', depth: 5, kind: 'SPAN_KIND_CLIENT' },
      { name: 'GET /data', service: 'worker', depth: 6, kind: 'SPAN_KIND_SERVER', http: 'GET /data -> 200' },
      { name: 'SELECT inventory', service: 'worker', depth: 7, kind: 'SPAN_KIND_CLIENT' },
      { name: 'summarise stock', service: 'worker', depth: 7 },
    ],
    logs: [
      ['worker', 'info', 9, 'inventory processed', 6],
      ['node-api', 'info', 9, 'request', 4],
      ['node-api', 'info', 9, 'request completed', 3],
    ],
    counter: {
      subject: 'GET /data on node-api',
      promql: 'sum(traces_span_metrics_calls_total{service_name="node-api", span_kind="SPAN_KIND_SERVER", http_route="/data"})',
      value: 101,
    },
    exemplarSpan: 3,
  },
  'trigger-error': {
    spans: [
      { name: 'click', service: 'frontend-web', depth: 0 },
      { name: 'demo: trigger error', service: 'frontend-web', depth: 1, status: 'error', statusMessage: 'HTTP 500' },
      { name: 'GET', service: 'frontend-web', depth: 2, kind: 'SPAN_KIND_CLIENT', status: 'error', statusMessage: 'status ERROR' },
      {
        name: 'GET /error',
        service: 'node-api',
        depth: 3,
        kind: 'SPAN_KIND_SERVER',
        status: 'error',
        exception: { type: 'DemoFailure', message: 'Simulated failure in node-api (GET /error fails on purpose)' },
      },
      {
        name: 'request',
        service: 'node-api',
        depth: 4,
        status: 'error',
        exception: { type: 'DemoFailure', message: 'Simulated failure in node-api (GET /error fails on purpose)' },
      },
    ],
    logs: [
      ['node-api', 'error', 17, 'request failed', 4],
      ['node-api', 'info', 9, 'request completed', 3],
    ],
    counter: {
      subject: 'GET /error on node-api',
      promql: 'sum(traces_span_metrics_calls_total{service_name="node-api", span_kind="SPAN_KIND_SERVER", http_route="/error"})',
      value: 14,
    },
    exemplarSpan: 3,
  },
  'browser-error': {
    spans: [
      { name: 'click', service: 'frontend-web', depth: 0 },
      { name: 'demo: throw in the browser', service: 'frontend-web', depth: 1 },
      {
        name: 'browser.exception: uncaught error',
        service: 'frontend-web',
        depth: 2,
        status: 'error',
        exception: { type: 'Error', message: 'Demo: an error nobody catches, thrown from a timer' },
      },
    ],
    logs: [['frontend-web', 'ERROR', 17, 'uncaught error: Error: Demo: an error nobody catches, thrown from a timer', 2]],
    counter: {
      subject: '"browser.exception: uncaught error" spans of frontend-web',
      promql: 'sum(traces_span_metrics_calls_total{service_name="frontend-web", span_name="browser.exception: uncaught error"})',
      value: 6,
    },
    exemplarSpan: 2,
  },
};

const STORES: TelemetryReport['stores'] = {
  traces: { kind: 'jaeger', name: 'Jaeger', answered: true },
  logs: { kind: 'victorialogs', name: 'VictoriaLogs', answered: true },
  metrics: { kind: 'prometheus', name: 'Prometheus', answered: true },
};

/** What the stores hold of `action`'s trace `elapsedMs` after its first poll. */
function reportAfter(action: DemoActionId, traceId: string, clickedAtUnixMs: number, elapsedMs: number): TelemetryReport {
  const telemetry = TELEMETRY[action] ?? TELEMETRY['fetch-data']!;
  const all = spansFromSeeds(telemetry.spans, clickedAtUnixMs + 5);
  const arrivedBy: Record<string, number> = {
    'frontend-web': ARRIVAL_MS.browserSpans,
    'node-api': ARRIVAL_MS.nodeApiSpans,
    worker: ARRIVAL_MS.workerSpans,
  };
  const spans = all.filter((span) => elapsedMs >= (arrivedBy[span.service] ?? 0));
  // Oldest first, as the route sends them: a line that arrives later may go above one already there.
  const logs: ReportLog[] = telemetry.logs
    .filter(([service]) => elapsedMs >= (ARRIVAL_MS.logs[service] ?? 0))
    .map(([service, severityText, severityNumber, body, spanIndex]) => ({
      timeUnixMs: all[spanIndex]!.startTimeUnixMs + 2,
      service,
      severityText,
      severityNumber,
      body,
      spanId: all[spanIndex]!.spanId,
    }))
    .sort((a, b) => a.timeUnixMs - b.timeUnixMs);
  const counterKnown = spans.length > 0 && spans.some((span) => span.service !== 'frontend-web' || span.status === 'error');
  const exemplarSpan = all[telemetry.exemplarSpan]!;
  const exemplar =
    elapsedMs >= ARRIVAL_MS.exemplar
      ? {
          service: exemplarSpan.service,
          spanName: exemplarSpan.name,
          spanId: exemplarSpan.spanId,
          bucket: '0.05',
          valueSeconds: 0.0431,
          timestampUnixMs: exemplarSpan.startTimeUnixMs,
          promql: 'traces_span_metrics_duration_seconds_bucket',
        }
      : null;
  // As report-links.ts makes them on the native stack: the log store's UI at
  // once, the trace store's API once it holds the trace, Prometheus once the
  // counter is known.
  const links: ReportLink[] = [];
  if (spans.length > 0) links.push({ label: 'Jaeger API: this trace', href: `http://127.0.0.1:14686/api/v3/traces/${traceId}`, tool: 'trace-store' });
  links.push({ label: 'VictoriaLogs: logs of this trace', href: `http://127.0.0.1:14428/select/vmui/#/?query=trace_id:="${traceId}"`, tool: 'log-store' });
  if (counterKnown) links.push({ label: `Prometheus API: ${telemetry.counter.subject}`, href: 'http://127.0.0.1:14090/api/v1/query', tool: 'prometheus' });
  return {
    traceId,
    queriedAtUnixMs: Date.now(),
    tookMs: 9,
    stores: STORES,
    trace: { state: 'answered', spans },
    logs: { state: 'answered', truncated: false, records: logs },
    metrics: { state: 'answered', exemplar, counter: counterKnown ? telemetry.counter : null },
    links,
  };
}

/**
 * Answers the page's polls as the native stack would over time. Tell it
 * which action is clicked next (`clicking`): the first poll of a new trace id
 * belongs to it, as the page polls only after the action ended.
 */
export class TelemetryArrival {
  private next: DemoActionId = 'fetch-data';
  private readonly traces = new Map<string, { action: DemoActionId; firstPollAt: number }>();

  static async answer(page: Page): Promise<TelemetryArrival> {
    const arrival = new TelemetryArrival();
    await page.route('**/api/telemetry/*', async (route) => {
      const traceId = new URL(route.request().url()).pathname.split('/').pop() ?? '';
      let trace = arrival.traces.get(traceId);
      if (!trace) arrival.traces.set(traceId, (trace = { action: arrival.next, firstPollAt: Date.now() }));
      const report = reportAfter(trace.action, traceId, trace.firstPollAt - 300, Date.now() - trace.firstPollAt);
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(report) });
    });
    return arrival;
  }

  clicking(action: DemoActionId): void {
    this.next = action;
  }
}
