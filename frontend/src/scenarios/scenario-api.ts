import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { ScenarioListSchema, type ScenarioList } from '@o11y-demo/scenarios/scenario-list';
import { unsampledTraceparent } from '../panel/unsampled-traceparent';
import { scenarioSnapshot } from './scenario-store';

/** How often the panel asks: often enough that a switch made with curl shows within a few seconds. */
export const SCENARIO_POLL_INTERVAL_MS = 3000;

/** A local node-api answers in milliseconds; a hung one must not stall the polling. */
const REQUEST_TIMEOUT_MS = 2500;

/** node-api answered, but not with the list: its own words, when it gave some. */
class ScenarioApiError extends Error {}

function describeFailure(error: unknown, nodeApiUrl: string): string {
  if (error instanceof ScenarioApiError) return error.message;
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `node-api at ${nodeApiUrl} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  // fetch() says only "Failed to fetch" for a refused connection and a CORS
  // refusal alike; DevTools' network tab tells them apart.
  return `node-api is unreachable at ${nodeApiUrl} (${error instanceof Error ? error.message : String(error)})`;
}

async function readList(response: Response, what: string): Promise<ScenarioList> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const message =
      typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string'
        ? body.message
        : text.slice(0, 200);
    throw new ScenarioApiError(`${what}: node-api answered ${response.status}${message ? `: ${message}` : ''}`);
  }
  // Checked before use: an older node-api (or a proxy's error page) gets a sentence on the panel, not a broken list.
  const parsed = ScenarioListSchema.safeParse(body);
  if (!parsed.success) throw new ScenarioApiError(`${what}: node-api answered, but not with a list of scenarios`);
  return parsed.data;
}

/**
 * Each write invalidates the polls in flight: a poll that left before a
 * switch may come back after it and would show the old state for a few
 * seconds.
 */
let writeGeneration = 0;

function publish(list: ScenarioList, switchError: string | undefined): void {
  scenarioSnapshot.set({ reach: 'ok', scenarios: list.scenarios, active: list.active, switchError });
}

/**
 * The page's own bookkeeping, not something the visitor did: no browser
 * span, and a `traceparent` with the sampled flag off so that node-api
 * (which samples by its parent) records no trace per poll either. Otherwise
 * the trace store would fill with one GET /scenarios trace every few seconds.
 */
function fetchUntraced(url: string, signal: AbortSignal): Promise<Response> {
  return context.with(suppressTracing(context.active()), () =>
    fetch(url, { cache: 'no-store', signal, headers: { accept: 'application/json', traceparent: unsampledTraceparent() } }),
  );
}

/** One poll: GET /scenarios into the snapshot. Never throws. */
export async function refreshScenarios(nodeApiUrl: string, signal: AbortSignal): Promise<void> {
  const generation = writeGeneration;
  try {
    // Only the timeout aborts the request: a poll outliving its panel costs
    // at most that long, and its answer is dropped below.
    const response = await fetchUntraced(`${nodeApiUrl}/scenarios`, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    const list = await readList(response, 'GET /scenarios');
    if (signal.aborted || generation !== writeGeneration) return;
    publish(list, scenarioSnapshot.get().switchError);
  } catch (error) {
    if (signal.aborted || generation !== writeGeneration) return;
    const current = scenarioSnapshot.get();
    scenarioSnapshot.set({ ...current, reach: 'unreachable', active: [], readError: describeFailure(error, nodeApiUrl) });
  }
}

/**
 * Called synchronously from the visitor's click: unlike the polls, a switch
 * is something the visitor did, so its request is traced as part of the
 * click, and node-api's handling of it joins that trace.
 */
async function write(nodeApiUrl: string, what: string, request: () => Promise<Response>): Promise<void> {
  const generation = ++writeGeneration;
  try {
    const list = await readList(await request(), what);
    if (generation !== writeGeneration) return;
    publish(list, undefined);
  } catch (error) {
    if (generation !== writeGeneration) return;
    const switchError = error instanceof ScenarioApiError ? error.message : `${what}: ${describeFailure(error, nodeApiUrl)}`;
    scenarioSnapshot.set({ ...scenarioSnapshot.get(), switchError });
  }
}

export function switchScenario(nodeApiUrl: string, name: string, active: boolean): Promise<void> {
  return write(nodeApiUrl, `switching "${name}" ${active ? 'on' : 'off'}`, () =>
    fetch(`${nodeApiUrl}/scenarios/${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ active }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }),
  );
}

export function switchAllOff(nodeApiUrl: string): Promise<void> {
  return write(nodeApiUrl, 'switching all off', () =>
    fetch(`${nodeApiUrl}/scenarios`, {
      method: 'DELETE',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }),
  );
}
