import { defineConfig } from '@playwright/test';
import { targets } from './src/targets';

/**
 * The end-to-end suite: a real browser clicks the real page, and every assertion
 * reads the real backends (Tempo, Prometheus, Quickwit or the collector's log export).
 * Targets come from E2E_* variables (src/targets.ts); when nothing runs there,
 * global-setup starts the native stack and stops it afterwards.
 */
export default defineConfig({
  testDir: './tests',
  // One browser, in file order: the dashboard check at the end reads the traffic the others made.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  outputDir: '../.run/e2e-results',
  use: {
    baseURL: targets.frontend,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: targets.chromium,
      // The flags keep Chromium off the network beyond localhost (no update or sync calls).
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
