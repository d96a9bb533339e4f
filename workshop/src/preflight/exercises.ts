import type { ScenarioName } from '@o11y-demo/scenarios';
import type { SentTrace, TraceSpan } from '@o11y-demo/telemetry-query';
import { checkBrowserVital } from './browser-check';
import { driveRequests } from './drive-requests';
import { pollFor } from './poll';
import type { PreflightContext } from './preflight-context';

export interface Exercise {
  /** Matches the exercise's section in workshop/README.md. */
  readonly id: string;
  readonly title: string;
  /** Switched on before the check and off after it; none for the warm-up. */
  readonly scenario?: ScenarioName;
  /** Asserts the telemetry the exercise relies on is there; resolves with the evidence found. */
  check(ctx: PreflightContext): Promise<string>;
}

const WORKER_QUERY = 'SELECT inventory';
const SLOW_QUERY_MS = 600;

/** The workshop's latency lens: p95 of the worker's query span over the last minute, from the span metrics. */
export const WORKER_QUERY_P95_PROMQL = `histogram_quantile(0.95, sum by (le) (rate(traces_span_metrics_duration_seconds_bucket{service_name="worker",span_name="${WORKER_QUERY}"}[1m])))`;

function ok(sent: SentTrace): boolean {
  return sent.status >= 200 && sent.status < 300;
}

/** One /data request that must succeed (the scenarios that only change its shape keep it a 200). */
async function oneRequest(ctx: PreflightContext): Promise<SentTrace> {
  const [sent] = await driveRequests(ctx.targets.nodeApi, { min: 1, max: 1 });
  if (sent === undefined || !ok(sent)) throw new Error(`node-api /data answered ${sent?.status}; is the demo healthy?`);
  return sent;
}

async function traceOf(ctx: PreflightContext, traceId: string, complete: (spans: TraceSpan[]) => boolean | string): Promise<TraceSpan[]> {
  return pollFor(`trace ${traceId} in ${ctx.traceStore.displayName}`, ctx.deadlineMs, async () => {
    const spans = (await ctx.traceStore.getTrace(traceId)) ?? [];
    const verdict = complete(spans);
    return verdict === true ? spans : typeof verdict === 'string' ? verdict : `${spans.length} spans`;
  });
}

function hasServices(...services: string[]) {
  return (spans: TraceSpan[]): boolean | string => {
    const seen = new Set(spans.map((s) => s.service));
    const missing = services.filter((s) => !seen.has(s));
    return missing.length === 0 || `${spans.length} spans, none yet from ${missing.join(', ')}`;
  };
}

/** p95 of the worker's query span from the span metrics, in seconds (NaN without data). */
async function queryP95(ctx: PreflightContext): Promise<number> {
  const samples = await ctx.metricStore.query(WORKER_QUERY_P95_PROMQL);
  return Number(samples[0]?.value[1] ?? Number.NaN);
}

/** An exemplar on a span-metrics histogram, recorded since `sinceS`, whose trace satisfies `fits`. */
async function exemplarTrace(ctx: PreflightContext, selector: string, sinceS: number, fits: (value: number) => boolean): Promise<{ traceId: string } | string> {
  const series = await ctx.metricStore.queryExemplars(selector, sinceS, Date.now() / 1000 + 1);
  const exemplar = series.flatMap((s) => s.exemplars).find((e) => e.labels['trace_id'] !== undefined && fits(Number(e.value)));
  if (exemplar === undefined) return `${series.reduce((n, s) => n + s.exemplars.length, 0)} exemplars, none that fits`;
  return { traceId: exemplar.labels['trace_id'] as string };
}

const warmUp: Exercise = {
  id: 'one-click',
  title: 'One click, three signals',
  async check(ctx) {
    const startS = Date.now() / 1000 - 1;
    const [sent] = await driveRequests(ctx.targets.nodeApi, { min: 3, max: 3 });
    if (sent === undefined || !ok(sent)) throw new Error(`node-api /data answered ${sent?.status}; is the demo healthy?`);
    const spans = await traceOf(ctx, sent.traceId, hasServices('node-api', 'worker'));
    const logs = await pollFor(`logs of trace ${sent.traceId} in ${ctx.logStore.displayName}`, ctx.deadlineMs, async () => {
      const records = await ctx.logStore.findLogsByTraceId(sent.traceId);
      const services = new Set(records.map((r) => r.service));
      return services.has('node-api') && services.has('worker') ? records : `${records.length} records`;
    });
    const { traceId: exemplarTraceId } = await pollFor('an exemplar on node-api\'s span metrics', ctx.deadlineMs, () =>
      exemplarTrace(ctx, 'traces_span_metrics_duration_seconds_bucket{service_name="node-api"}', startS, () => true),
    );
    await traceOf(ctx, exemplarTraceId, (s) => s.length > 0);
    return `trace ${sent.traceId.slice(0, 8)}: ${spans.length} spans, ${logs.length} log lines; exemplar -> trace ${exemplarTraceId.slice(0, 8)}`;
  },
};

/** The exercise's view on the page: the trace search the guide links to. */
const SLOW_TRACES_VIEW = '/traces?service=worker&minDuration=500ms&lookback=15m';

/** `/traces?service=worker&minDuration=500ms` lists a trace whose query span took SLOW_QUERY_MS or more (its data, then the page itself). */
async function slowTraceOnSearchPage(ctx: PreflightContext): Promise<string> {
  const apiUrl = `${ctx.targets.frontend}/api${SLOW_TRACES_VIEW}`;
  const found = await pollFor(`a trace with a ${SLOW_QUERY_MS} ms query at ${SLOW_TRACES_VIEW}`, ctx.deadlineMs, async () => {
    const response = await fetch(apiUrl, { signal: AbortSignal.timeout(10_000) });
    const answer = (await response.json()) as { state?: string; error?: string; traces?: { traceId: string; matched: { name: string; durationMs: number }[] }[] };
    if (response.status !== 200 || answer.state !== 'answered') return `HTTP ${response.status}, ${answer.state ?? ''} ${answer.error ?? ''}`;
    const trace = answer.traces?.find((t) => t.matched.some((span) => span.name === WORKER_QUERY && span.durationMs >= SLOW_QUERY_MS));
    return trace ?? `${answer.traces?.length ?? 0} traces, none with a ${WORKER_QUERY} span of ${SLOW_QUERY_MS} ms`;
  });
  const page = await fetch(`${ctx.targets.frontend}${SLOW_TRACES_VIEW}`, { signal: AbortSignal.timeout(10_000) });
  const html = await page.text();
  if (page.status !== 200 || !html.includes(`data-trace-id="${found.traceId}"`)) {
    throw new Error(`${SLOW_TRACES_VIEW} answered ${page.status} without trace ${found.traceId}`);
  }
  const span = found.matched.find((s) => s.name === WORKER_QUERY)!;
  return `${SLOW_TRACES_VIEW} lists trace ${found.traceId.slice(0, 8)} (${Math.round(span.durationMs)} ms query)`;
}

const slowQuery: Exercise = {
  id: 'slow-query',
  title: 'Slow database query',
  scenario: 'slow-query',
  async check(ctx) {
    const startS = Date.now() / 1000 - 1;
    const sent = await driveRequests(ctx.targets.nodeApi, { min: 12, max: 40, enough: (s) => s.filter((r) => r.latencyMs >= SLOW_QUERY_MS).length >= 4 });
    const slow = sent.filter((r) => ok(r) && r.latencyMs >= SLOW_QUERY_MS);
    if (slow.length === 0) throw new Error(`none of ${sent.length} requests took ${SLOW_QUERY_MS} ms or more; is the worker built from this checkout?`);
    // A rate needs the series to grow between two flushes (every 15 s): keep requests coming while waiting.
    const p95 = await pollFor('the worker query span p95 above 0.5 s', ctx.deadlineMs + 20_000, async () => {
      await driveRequests(ctx.targets.nodeApi, { min: 1, max: 1 });
      const value = await queryP95(ctx);
      return value >= 0.5 ? value : `p95 ${Number.isNaN(value) ? 'no data' : `${value.toFixed(3)} s`}`;
    });
    // Exemplars are a sample of each flush interval's spans: keep requests
    // coming while waiting, so every interval has slow ones to sample.
    const { traceId } = await pollFor('an exemplar of a slow query', ctx.deadlineMs, async () => {
      await driveRequests(ctx.targets.nodeApi, { min: 1, max: 1 });
      return exemplarTrace(ctx, `traces_span_metrics_duration_seconds_bucket{service_name="worker",span_name="${WORKER_QUERY}"}`, startS, (v) => v >= SLOW_QUERY_MS / 1000);
    });
    const spans = await traceOf(ctx, traceId, (s) => s.some((span) => span.name === WORKER_QUERY && span.durationMs >= SLOW_QUERY_MS) || 'no slow query span yet');
    const query = spans.find((span) => span.name === WORKER_QUERY && span.durationMs >= SLOW_QUERY_MS)!;
    const listed = await slowTraceOnSearchPage(ctx);
    return `${slow.length}/${sent.length} slow; query p95 ${p95.toFixed(2)} s; exemplar -> trace ${traceId.slice(0, 8)} with a ${Math.round(query.durationMs)} ms query; ${listed}`;
  },
};

const flakyWorker: Exercise = {
  id: 'flaky-worker',
  title: 'Flaky worker',
  scenario: 'flaky-worker',
  async check(ctx) {
    const sent = await driveRequests(ctx.targets.nodeApi, { min: 8, max: 60, enough: (s) => s.filter((r) => r.status === 502).length >= 2 });
    const failed = sent.filter((r) => r.status === 502);
    if (failed.length === 0) throw new Error(`none of ${sent.length} requests failed with 502`);
    const first = failed[0]!;
    const errors = await pollFor(`the worker's ERROR log of trace ${first.traceId}`, ctx.deadlineMs, async () => {
      const records = await ctx.logStore.findLogsByTraceId(first.traceId);
      const found = records.filter((r) => r.service === 'worker' && r.severityNumber >= 17);
      return found.length > 0 ? found : `${records.length} records, no worker ERROR`;
    });
    await traceOf(ctx, first.traceId, (spans) =>
      spans.some((s) => s.service === 'worker' && s.statusCode === 'STATUS_CODE_ERROR') && spans.some((s) => s.service === 'node-api' && s.statusCode === 'STATUS_CODE_ERROR')
        ? true
        : 'no failed worker and node-api spans yet',
    );
    return `${failed.length}/${sent.length} failed (502); ERROR log "${errors[0]!.body.slice(0, 40)}" -> failed trace ${first.traceId.slice(0, 8)}`;
  },
};

const workerTimeout: Exercise = {
  id: 'worker-timeout',
  title: 'Timeout on the worker',
  scenario: 'worker-timeout',
  async check(ctx) {
    const sent = await driveRequests(ctx.targets.nodeApi, { min: 2, max: 2 });
    const timedOut = sent.find((r) => r.status === 504);
    if (timedOut === undefined) throw new Error(`expected 504 from node-api, got ${sent.map((r) => r.status).join(', ')}`);
    const spans = await traceOf(ctx, timedOut.traceId, (all) => {
      const client = all.find((s) => s.service === 'node-api' && s.kind === 'SPAN_KIND_CLIENT' && s.statusCode === 'STATUS_CODE_ERROR');
      if (client === undefined) return 'no failed node-api client span yet';
      const clientEnd = client.startTimeUnixMs + client.durationMs;
      return all.some((s) => s.service === 'worker' && s.startTimeUnixMs + s.durationMs > clientEnd + 300) || 'no worker span running on after the client gave up, yet';
    });
    const client = spans.find((s) => s.service === 'node-api' && s.kind === 'SPAN_KIND_CLIENT')!;
    const lastWorkerEnd = Math.max(...spans.filter((s) => s.service === 'worker').map((s) => s.startTimeUnixMs + s.durationMs));
    return `504 in ${Math.round(timedOut.latencyMs)} ms; client span gave up after ${Math.round(client.durationMs)} ms, worker ran ${Math.round(lastWorkerEnd - client.startTimeUnixMs)} ms`;
  },
};

const nPlusOne: Exercise = {
  id: 'n-plus-one',
  title: 'N+1 queries',
  scenario: 'n-plus-one',
  async check(ctx) {
    const sent = await oneRequest(ctx);
    const spans = await traceOf(ctx, sent.traceId, (all) => {
      const queries = all.filter((s) => s.name === WORKER_QUERY).length;
      return queries >= 6 || `${queries} query spans`;
    });
    return `trace ${sent.traceId.slice(0, 8)}: ${spans.filter((s) => s.name === WORKER_QUERY).length} "${WORKER_QUERY}" spans in one request`;
  },
};

const logFlood: Exercise = {
  id: 'log-flood',
  title: 'Log flood',
  scenario: 'log-flood',
  async check(ctx) {
    const sent = await oneRequest(ctx);
    const lines = await pollFor(`node-api's log lines of trace ${sent.traceId}`, ctx.deadlineMs, async () => {
      const records = (await ctx.logStore.findLogsByTraceId(sent.traceId)).filter((r) => r.service === 'node-api');
      return records.length >= 50 ? records.length : `${records.length} lines`;
    });
    return `one request, ${lines} node-api log lines`;
  },
};

const layoutShift: Exercise = {
  id: 'layout-shift',
  title: 'Layout shift',
  scenario: 'layout-shift',
  check: (ctx) => checkBrowserVital(ctx, { vital: 'CLS', scenario: 'layout-shift', atLeast: 0.1, waitForBanner: true }),
};

const longTask: Exercise = {
  id: 'long-task',
  title: 'Long task on click',
  scenario: 'long-task',
  check: (ctx) => checkBrowserVital(ctx, { vital: 'INP', scenario: 'long-task', atLeast: 200, waitForBanner: false }),
};

export const EXERCISES: readonly Exercise[] = [warmUp, slowQuery, flakyWorker, workerTimeout, nPlusOne, logFlood, layoutShift, longTask];
