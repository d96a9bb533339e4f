import { defineConfig } from '@playwright/test';
import { TEST_PORTS, TEST_URLS } from './tests/support/test-environment';

/**
 * Runs the browser tests against the real frontend, node-api and worker,
 * started on ports of their own so they never collide with a running stack.
 * The collector is not needed: the tests intercept what the browser sends to
 * PUBLIC_OTLP_URL (tests/support/otlp-recorder.ts).
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
      // Debian's Chromium; Playwright's own browser downloads are not used.
      executablePath: '/usr/bin/chromium',
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
        'test -f services/worker/dist/main.js || npm run build -w @o11y-demo/telemetry -w @o11y-demo/worker; node services/worker/dist/main.js',
      cwd: repoRoot,
      url: `${TEST_URLS.worker}/health`,
      env: { HOST: '127.0.0.1', PORT: String(TEST_PORTS.worker) },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      name: 'node-api',
      command:
        'test -f services/node-api/dist/main.js || npm run build -w @o11y-demo/telemetry -w @o11y-demo/node-api; node services/node-api/dist/main.js',
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
      command: 'test -f .next/BUILD_ID || npm run build; npm run start',
      url: `${TEST_URLS.frontend}/api/health`,
      env: {
        HOST: '127.0.0.1',
        PORT: String(TEST_PORTS.frontend),
        PUBLIC_NODE_API_URL: TEST_URLS.nodeApi,
        PUBLIC_OTLP_URL: TEST_URLS.otlp,
      },
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
    },
  ],
});
