/** The five things a visitor can do, in the order the page shows them. */
export const DEMO_ACTION_IDS = [
  'fetch-data',
  'slow-request',
  'trigger-error',
  'browser-error',
  'unhandled-rejection',
] as const;

export type DemoActionId = (typeof DEMO_ACTION_IDS)[number];

interface ApiCall {
  kind: 'api-call';
  /** Path and query on node-api. */
  path: string;
}

interface BrowserFailure {
  kind: 'browser-failure';
  failure: 'uncaught-error' | 'unhandled-rejection';
}

/** OTLP severity numbers: INFO is 9-12, ERROR 17-20. */
const INFO = 9;
const ERROR = 17;

/**
 * What the action's telemetry looks like once it has all arrived: the panel
 * polls until it sees this (or gives up and says what is missing).
 */
export interface TelemetryExpectation {
  /** Every service the request touches: the trace is complete when each has spans in it. */
  traceServices: string[];
  /** The service whose span fails on purpose (status ERROR), if the action fails. */
  failingService?: string;
  /** Log lines the action writes: one per entry, from that service, at least that severe. */
  logs: { service: string; minSeverityNumber: number }[];
}

const ACROSS_ALL_THREE: TelemetryExpectation = {
  traceServices: ['frontend-web', 'node-api', 'worker'],
  logs: [
    { service: 'node-api', minSeverityNumber: INFO },
    { service: 'worker', minSeverityNumber: INFO },
  ],
};

const BROWSER_ONLY_FAILURE: TelemetryExpectation = {
  traceServices: ['frontend-web'],
  failingService: 'frontend-web',
  logs: [{ service: 'frontend-web', minSeverityNumber: ERROR }],
};

export interface DemoAction {
  id: DemoActionId;
  /** The button's accessible name; the e2e suite finds buttons by it. */
  label: string;
  /** Name of the span the action runs in. */
  spanName: string;
  /** One sentence on what happens, shown under the button. */
  explanation: string;
  /** What to look for afterwards. */
  expectation: string;
  effect: ApiCall | BrowserFailure;
  telemetry: TelemetryExpectation;
}

export const DEMO_ACTIONS: Record<DemoActionId, DemoAction> = {
  'fetch-data': {
    id: 'fetch-data',
    label: 'Fetch data',
    spanName: 'demo: fetch data',
    explanation: 'GET /data on node-api, which asks the worker, which runs a simulated database query.',
    expectation: 'One trace across frontend-web, node-api and worker; INFO logs with its trace id.',
    effect: { kind: 'api-call', path: '/data' },
    telemetry: ACROSS_ALL_THREE,
  },
  'slow-request': {
    id: 'slow-request',
    label: 'Slow request',
    spanName: 'demo: slow request',
    explanation: 'The same call with 1.2 s of latency injected in node-api (delayMs=1200).',
    expectation: 'A long span in the waterfall and a slow bucket in the latency histogram.',
    effect: { kind: 'api-call', path: '/data?delayMs=1200' },
    telemetry: ACROSS_ALL_THREE,
  },
  'trigger-error': {
    id: 'trigger-error',
    label: 'Trigger error',
    spanName: 'demo: trigger error',
    explanation: 'GET /error: node-api fails on purpose and answers 500.',
    expectation: 'Spans with status ERROR and the exception, an ERROR log, a 5xx in the metrics.',
    effect: { kind: 'api-call', path: '/error' },
    // /error fails in node-api before any call to the worker.
    telemetry: {
      traceServices: ['frontend-web', 'node-api'],
      failingService: 'node-api',
      logs: [{ service: 'node-api', minSeverityNumber: ERROR }],
    },
  },
  'browser-error': {
    id: 'browser-error',
    label: 'Throw in the browser',
    spanName: 'demo: throw in the browser',
    explanation: 'Throws an Error from a timer that nothing catches: window.onerror sees it.',
    expectation: 'A browser.exception span and an ERROR exception event (log record) from frontend-web.',
    effect: { kind: 'browser-failure', failure: 'uncaught-error' },
    telemetry: BROWSER_ONLY_FAILURE,
  },
  'unhandled-rejection': {
    id: 'unhandled-rejection',
    label: 'Unhandled rejection',
    spanName: 'demo: unhandled rejection',
    explanation: 'Rejects a promise that has no handler: the unhandledrejection event sees it.',
    expectation: 'A browser.exception span and an ERROR exception event (log record) from frontend-web.',
    effect: { kind: 'browser-failure', failure: 'unhandled-rejection' },
    telemetry: BROWSER_ONLY_FAILURE,
  },
};
