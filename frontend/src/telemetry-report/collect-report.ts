import 'server-only';
import type { Backends } from '@o11y-demo/telemetry-query';
import { readBackendEnv } from '../backends/backend-env';
import { findBackends } from '../backends/find-backends';
import { grafanaStatus } from '../backends/grafana';
import { prometheusServesUi } from '../backends/prometheus-ui';
import { storeIdentities, type StoreIdentity } from '../backends/store-names';
import { untraced } from '../backends/untraced';
import { reportLinks } from './report-links';
import { reportLogs } from './report-logs';
import { counterQuery, pickExemplar, queryCounter, queryExemplars, querySpanMetricsFlush } from './report-metrics';
import { keySpan, reportSpans } from './report-spans';
import type { ReportStore, TelemetryReport } from './telemetry-report';

/** The whole answer, every backend included, comes within this; a slow backend is reported, not waited for. */
const REPORT_DEADLINE_MS = 3_000;

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

/** "unreachable: <why>": the backend's own words, or the deadline when that is what cut it off. */
async function settle<T>(work: () => Promise<T>, deadline: AbortSignal): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const why = deadline.aborted
      ? `no answer within ${REPORT_DEADLINE_MS / 1000} s`
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, error: `unreachable: ${why}` };
  }
}

function store(identity: StoreIdentity, answered: boolean): ReportStore {
  return { kind: identity.kind, name: identity.name, answered };
}

async function querySections(traceId: string, backends: Backends, deadline: AbortSignal) {
  const { traceStore, logStore, metricStore } = backends;
  const trace = settle(async () => reportSpans((await traceStore.getTrace(traceId, deadline)) ?? []), deadline);
  const logs = settle(async () => reportLogs(await logStore.findLogsByTraceId(traceId, deadline)), deadline);
  const exemplars = settle(() => queryExemplars(metricStore, deadline), deadline);
  const flushed = settle(() => querySpanMetricsFlush(metricStore, deadline), deadline);
  // The counter needs to know what the trace hit, so it waits for the trace
  // (a few milliseconds), not for the logs or the exemplars.
  const counter = trace.then((spans) => {
    const key = spans.ok ? keySpan(spans.value) : undefined;
    return key ? settle(() => queryCounter(metricStore, counterQuery(key), deadline), deadline) : undefined;
  });
  const servesUi = prometheusServesUi(metricStore);
  return { trace: await trace, logs: await logs, exemplars: await exemplars, flushed: await flushed, counter: await counter, prometheusServesUi: await servesUi };
}

/**
 * One trace's telemetry from the trace store, the log store and Prometheus,
 * queried in parallel within REPORT_DEADLINE_MS. Never throws: a backend that
 * is down or slow becomes "unreachable: <why>" in its section.
 */
export async function collectReport(traceId: string, requestSignal?: AbortSignal): Promise<TelemetryReport> {
  const queriedAtUnixMs = Date.now();
  const timeout = AbortSignal.timeout(REPORT_DEADLINE_MS);
  const deadline = requestSignal ? AbortSignal.any([requestSignal, timeout]) : timeout;
  const env = readBackendEnv();

  return untraced(async () => {
    const [found, grafana] = await Promise.all([findBackends(env), grafanaStatus(env)]);
    const backends = found.ok ? found.backends : undefined;
    const names = storeIdentities(env, backends);

    let trace: TelemetryReport['trace'];
    let logs: TelemetryReport['logs'];
    let metrics: TelemetryReport['metrics'];
    let servesUi = false;
    if (!backends) {
      const error = `unreachable: ${found.ok ? '' : found.error}`;
      trace = logs = metrics = { state: 'unreachable', error };
    } else {
      const sections = await querySections(traceId, backends, deadline);
      servesUi = sections.prometheusServesUi;
      trace = sections.trace.ok ? { state: 'answered', spans: sections.trace.value } : { state: 'unreachable', error: sections.trace.error };
      logs = sections.logs.ok ? { state: 'answered', ...sections.logs.value } : { state: 'unreachable', error: sections.logs.error };
      if (!sections.exemplars.ok) metrics = { state: 'unreachable', error: sections.exemplars.error };
      else if (sections.counter && !sections.counter.ok) metrics = { state: 'unreachable', error: sections.counter.error };
      else {
        const preferred = trace.state === 'answered' ? keySpan(trace.spans)?.spanId : undefined;
        metrics = {
          state: 'answered',
          exemplar: pickExemplar(sections.exemplars.value, traceId, preferred),
          counter: sections.counter?.value ?? null,
          spanMetricsAtUnixMs: sections.flushed.ok ? sections.flushed.value : null,
        };
      }
    }

    return {
      traceId,
      queriedAtUnixMs,
      tookMs: Date.now() - queriedAtUnixMs,
      stores: {
        traces: store(names.traces, trace.state === 'answered'),
        logs: store(names.logs, logs.state === 'answered'),
        metrics: store(names.metrics, metrics.state === 'answered'),
      },
      trace,
      logs,
      metrics,
      links: reportLinks({ traceId, env, backends, grafana, prometheusServesUi: servesUi, trace, logs, metrics }),
    };
  });
}
