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
}

export const DEMO_ACTIONS: Record<DemoActionId, DemoAction> = {
  'fetch-data': {
    id: 'fetch-data',
    label: 'Fetch data',
    spanName: 'demo: fetch data',
    explanation: 'GET /data on node-api, which asks the worker, which runs a simulated database query.',
    expectation: 'One trace across frontend-web, node-api and worker; INFO logs with its trace id.',
    effect: { kind: 'api-call', path: '/data' },
  },
  'slow-request': {
    id: 'slow-request',
    label: 'Slow request',
    spanName: 'demo: slow request',
    explanation: 'The same call with 1.2 s of latency injected in node-api (delayMs=1200).',
    expectation: 'A long span in the waterfall and a slow bucket in the latency histogram.',
    effect: { kind: 'api-call', path: '/data?delayMs=1200' },
  },
  'trigger-error': {
    id: 'trigger-error',
    label: 'Trigger error',
    spanName: 'demo: trigger error',
    explanation: 'GET /error: node-api fails on purpose and answers 500.',
    expectation: 'Spans with status ERROR and the exception, an ERROR log, a 5xx in the metrics.',
    effect: { kind: 'api-call', path: '/error' },
  },
  'browser-error': {
    id: 'browser-error',
    label: 'Throw in the browser',
    spanName: 'demo: throw in the browser',
    explanation: 'Throws an Error from a timer that nothing catches: window.onerror sees it.',
    expectation: 'A browser.exception span and an ERROR log record from frontend-web.',
    effect: { kind: 'browser-failure', failure: 'uncaught-error' },
  },
  'unhandled-rejection': {
    id: 'unhandled-rejection',
    label: 'Unhandled rejection',
    spanName: 'demo: unhandled rejection',
    explanation: 'Rejects a promise that has no handler: the unhandledrejection event sees it.',
    expectation: 'A browser.exception span and an ERROR log record from frontend-web.',
    effect: { kind: 'browser-failure', failure: 'unhandled-rejection' },
  },
};
