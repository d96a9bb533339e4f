import { createLogStore, createTraceStore, type LogStore, type TraceStore } from '@o11y-demo/telemetry-query';
import type { RunningStack } from '../stack';
import type { StoreEndpoints } from '../run/stack-plan';
import { countArrivals, type Arrival } from './arrival-count';
import { dropsBetween, readDropCounters, type DropCounts } from './collector-drops';
import { DROP_ALERT, OVERFLOW_QUEUE_SPANS, type DrillStep, type DrillTarget } from './drill-steps';
import { firingAlerts } from './firing-alerts';
import { latencyPercentile, sentBetween, startTracedTraffic } from './traced-traffic';
import { httpUrl, LOOPBACK, PORTS } from '@o11y-demo/topology';

export interface DrillOptions {
  /** How long each fault lasts. */
  readonly outageMs: number;
  /** Normal traffic before the fault and after recovery, in each step. */
  readonly steadyMs: number;
  /** Traced requests per second to node-api's /data. */
  readonly ratePerSecond: number;
  /** How long after a step's traffic stops its telemetry may take to arrive. */
  readonly arrivalDeadlineMs: number;
  readonly log: (line: string) => void;
}

export interface StepResult extends Arrival {
  readonly step: DrillStep;
  /** Requests the apps got during the step, and how many did not answer 2xx. */
  readonly requests: number;
  readonly appErrors: number;
  /** p99 latency of the requests sent during the outage, in ms. */
  readonly outageP99Ms: number;
  /** Telemetry the collector counted as given up (send_failed + enqueue_failed). */
  readonly collectorDrops: number;
  readonly firingAlerts: readonly string[];
  /** Seconds from the end of the fault until the last trace and log line were found. */
  readonly catchUpS: number;
  /** Why some requests of the step are not counted, when that is so. */
  readonly note?: string;
}

const NODE_API_DATA_URL = `${httpUrl(PORTS.nodeApi, LOOPBACK)}/data`;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function componentFor(stack: RunningStack, target: DrillTarget, stores: StoreEndpoints): string {
  const name =
    target === 'collector'
      ? 'collector'
      : target === 'trace store'
        ? (stores.traceStore.kind === 'jaeger' ? 'jaeger' : 'tempo')
        : stores.logStore.kind === 'victorialogs'
          ? 'victoria-logs'
          : 'quickwit';
  if (!stack.components.some((c) => c.name === name)) throw new Error(`the stack runs no ${name}`);
  return name;
}

/**
 * Applies the step's fault for `outageMs`. A collector's counters die with it,
 * so when the step restarts the collector this returns the drops counted by
 * the collectors it replaced (from `dropsAtStart` on); otherwise undefined.
 */
async function applyFault(stack: RunningStack, step: DrillStep, stores: StoreEndpoints, outageMs: number, dropsAtStart: DropCounts): Promise<number | undefined> {
  const target = componentFor(stack, step.target, stores);
  switch (step.fault) {
    case 'freeze':
      stack.freeze(target, true);
      try {
        await sleep(outageMs);
      } finally {
        stack.freeze(target, false);
      }
      return undefined;
    case 'kill':
      await stack.restart(target, { how: 'kill', downMs: outageMs });
      return undefined;
    case 'overflow': {
      // A small queue, the store frozen until well past what it holds; the
      // alert is awaited while the store is still down, as an operator would see it.
      const firstCollector = dropsBetween(dropsAtStart, await readDropCounters());
      await stack.restart('collector', { how: 'stop', env: { COLLECTOR_TRACE_QUEUE_SPANS: String(OVERFLOW_QUEUE_SPANS) } });
      stack.freeze(target, true);
      try {
        await sleep(outageMs);
        await waitForAlert(DROP_ALERT, 90_000);
        const smallQueueCollector = dropsBetween(new Map(), await readDropCounters());
        await stack.restart('collector', { how: 'stop' });
        return firstCollector + smallQueueCollector;
      } finally {
        stack.freeze(target, false);
      }
    }
    case 'restart-with-queue': {
      const storeNames = [componentFor(stack, 'trace store', stores), componentFor(stack, 'log store', stores)];
      storeNames.forEach((name) => stack.freeze(name, true));
      try {
        await sleep(outageMs / 2);
        const dropped = dropsBetween(dropsAtStart, await readDropCounters());
        await stack.restart(target, { how: 'stop' });
        await sleep(outageMs / 2);
        return dropped;
      } finally {
        storeNames.forEach((name) => stack.freeze(name, false));
      }
    }
  }
}

async function waitForAlert(name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await firingAlerts().catch((): string[] => [])).includes(name)) return;
    await sleep(2_000);
  }
}

function isAnswered(sent: { status: number }): boolean {
  return sent.status >= 200 && sent.status < 300;
}

/** What a killed store itself lost from before the kill (not the pipeline's doing). */
async function describeStoreLoss(step: DrillStep, stores: StoreEndpoints, earlierTraceIds: readonly string[], query: { traceStore: TraceStore; logStore: LogStore }): Promise<string> {
  const counting = 'rows count the requests from the kill on';
  if (step.target === 'trace store' && stores.traceStore.kind === 'jaeger') {
    return `${counting}; the ${earlierTraceIds.length} earlier traces were in Jaeger's memory store and went with it, by design`;
  }
  const before = await countArrivals(earlierTraceIds, query, { deadlineMs: Date.now() + 5_000 });
  const lost = step.target === 'trace store' ? before.tracesSent - before.tracesArrived : before.logLinesSent - before.logLinesArrived;
  const unit = step.target === 'trace store' ? 'traces' : 'log lines';
  const sentBefore = step.target === 'trace store' ? before.tracesSent : before.logLinesSent;
  return `${counting}; of ${sentBefore} ${unit} the store had acknowledged before, ${lost} were lost with its unflushed memory`;
}

/**
 * One step: steady traced traffic, the fault, recovery, more traffic; then
 * counts by trace id what reached the stores and what the apps answered.
 */
async function runStep(stack: RunningStack, step: DrillStep, stores: StoreEndpoints, query: { traceStore: TraceStore; logStore: LogStore }, options: DrillOptions): Promise<StepResult> {
  const dropsAtStart = await readDropCounters();
  const traffic = startTracedTraffic(NODE_API_DATA_URL, options.ratePerSecond);
  await sleep(options.steadyMs);
  const outageStart = Date.now();
  options.log(`  ${step.title}: fault for ${options.outageMs / 1000} s`);
  let droppedByReplacedCollectors: number | undefined;
  try {
    droppedByReplacedCollectors = await applyFault(stack, step, stores, options.outageMs, dropsAtStart);
  } catch (error) {
    await traffic.stop();
    throw error;
  }
  const outageEnd = Date.now();
  await sleep(options.steadyMs);
  const sent = await traffic.stop();

  // A killed store loses what it held only in memory: all of it for Jaeger's
  // memory store, the last unflushed second for VictoriaLogs. Requests from the
  // kill on are the pipeline's to deliver; the earlier ones measure the store.
  const killed = step.fault === 'kill';
  const counted = killed ? sent.filter((s) => s.sentAtMs >= outageStart) : sent;
  const earlier = killed ? sent.filter((s) => s.sentAtMs < outageStart && isAnswered(s)) : [];
  const answered = counted.filter(isAnswered);
  options.log(`  ${step.title}: ${sent.length} requests sent; counting arrivals of ${answered.length} traces`);
  const arrival = await countArrivals(
    answered.map((s) => s.traceId),
    query,
    // A loss by design never arrives: wait long enough for a slow retry, not for the full deadline.
    { deadlineMs: Date.now() + (step.expectsLoss === true ? 30_000 : options.arrivalDeadlineMs), onPoll: (missing) => missing > 0 && options.log(`    ${missing} traces not complete yet`) },
  );
  const catchUpS = (Date.now() - outageEnd) / 1000;
  const dropsAtEnd = await readDropCounters();
  const collectorDrops =
    droppedByReplacedCollectors === undefined ? dropsBetween(dropsAtStart, dropsAtEnd) : droppedByReplacedCollectors + dropsBetween(new Map(), dropsAtEnd);
  return {
    ...arrival,
    step,
    requests: sent.length,
    appErrors: sent.filter((s) => s.status < 200 || s.status >= 300).length,
    outageP99Ms: latencyPercentile(sentBetween(sent, outageStart, outageEnd), 99),
    collectorDrops,
    firingAlerts: await firingAlerts().catch(() => ['(Prometheus did not answer)']),
    catchUpS,
    note: killed
      ? await describeStoreLoss(step, stores, earlier.map((s) => s.traceId), query)
      : step.expectsLoss === true
        ? `by design: a ${OVERFLOW_QUEUE_SPANS}-span queue; what did not fit was refused, counted (otelcol_exporter_enqueue_failed_spans) and alerted`
        : undefined,
  };
}

/** Runs the steps one after another on a running native stack. */
export async function runOutageDrill(stack: RunningStack, stores: StoreEndpoints, steps: readonly DrillStep[], options: DrillOptions): Promise<StepResult[]> {
  const query = {
    traceStore: createTraceStore(stores.traceStore.kind, stores.traceStore.queryUrl),
    logStore: createLogStore(stores.logStore.kind, stores.logStore.queryUrl),
  };
  const results: StepResult[] = [];
  for (const step of steps) {
    options.log(`step ${results.length + 1}/${steps.length}: ${step.title}`);
    results.push(await runStep(stack, step, stores, query, options));
  }
  return results;
}
