import { defineConfig } from '@playwright/test';
import { TEST_PORTS, TEST_URLS } from './tests/support/test-environment';

/**
 * Runs the browser tests against the real frontend, node-api and worker,
 * started on ports of their own so they never collide with a running stack.
 * The collector is not needed: the tests intercept what the browser sends to
 * PUBLIC_OTLP_URL (tests/support/otlp-recorder.ts). No trace, log or metric
 * store runs either: the telemetry route must say so, and the panel is shown
 * with canned answers (tests/support/telemetry-reports.ts). node-api's
 * scenario switches are real and shared by every test: a test that switches
 * one ends by switching them all off (tests/support/scenarios.ts).
 */
const repoRoot = '..';

export default defineConfig({
  testDir: 'tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: TEST_URLS.frontend,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // Debian's Chromium unless CHROMIUM_PATH names another; Playwright's own browser downloads are not used.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      name: 'worker',
      command:
        'test -f services/worker/dist/main.js || npm run build -w @o11y-demo/scenarios -w @o11y-demo/telemetry -w @o11y-demo/worker; node services/worker/dist/main.js',
      cwd: repoRoot,
      url: `${TEST_URLS.worker}/health`,
      env: { HOST: '127.0.0.1', PORT: String(TEST_PORTS.worker) },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      name: 'node-api',
      command:
        'test -f services/node-api/dist/main.js || npm run build -w @o11y-demo/scenarios -w @o11y-demo/telemetry -w @o11y-demo/node-api; node services/node-api/dist/main.js',
      cwd: repoRoot,
      url: `${TEST_URLS.nodeApi}/health`,
      env: {
        HOST: '127.0.0.1',
        PORT: String(TEST_PORTS.nodeApi),
        WORKER_URL: TEST_URLS.worker,
        CORS_ORIGINS: `${TEST_URLS.frontend},http://localhost:${TEST_PORTS.frontend}`,
      },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      name: 'frontend',
      // Builds only when there is no build: run `npm run build` after changing the code.
      // The page imports the scenario names' types from @o11y-demo/scenarios, so
      // its build needs that package's.
      command:
        'test -f .next/BUILD_ID || { test -f ../packages/scenarios/dist/index.d.ts || (cd .. && npm run build -w @o11y-demo/scenarios); npm run build; }; npm run start',
      url: `${TEST_URLS.frontend}/api/health`,
      env: {
        HOST: '127.0.0.1',
        PORT: String(TEST_PORTS.frontend),
        PUBLIC_NODE_API_URL: TEST_URLS.nodeApi,
        PUBLIC_OTLP_URL: TEST_URLS.otlp,
        // The native stack's kinds, on ports where nothing runs (no GRAFANA_URL: no Grafana).
        TRACE_STORE: 'jaeger',
        TRACE_STORE_URL: TEST_URLS.traceStore,
        LOG_STORE: 'victorialogs',
        LOG_STORE_URL: TEST_URLS.logStore,
        PROMETHEUS_URL: TEST_URLS.prometheus,
        // Set empty, so a GRAFANA_URL or PUBLIC_* link base in the caller's environment cannot leak in.
        GRAFANA_URL: '',
        PUBLIC_GRAFANA_URL: '',
        PUBLIC_TRACE_STORE_URL: '',
        PUBLIC_LOG_STORE_URL: '',
        PUBLIC_PROMETHEUS_URL: '',
      },
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
    },
  ],
});
