import { expect, test } from '@playwright/test';
import { DemoPage } from './support/demo-page';

/**
 * Refreshes docs/screenshot.png. Worth it only against a running stack, so
 * that the telemetry panels fill in with real traces, logs and metrics:
 *
 *   SCREENSHOT=1 SCREENSHOT_BASE_URL=http://localhost:3001 npx playwright test tests/screenshot.spec.ts
 *
 * (`npm run screenshot` passes SCREENSHOT=1; without SCREENSHOT_BASE_URL it
 * shoots the test servers, whose panels say every store is unreachable.)
 */
test.skip(!process.env.SCREENSHOT, 'run with `npm run screenshot -w @o11y-demo/frontend`');

const stackUrl = process.env.SCREENSHOT_BASE_URL;
if (stackUrl) test.use({ baseURL: stackUrl });

test('screenshot of the page after a few clicks', async ({ page }) => {
  test.setTimeout(120_000);
  const demo = new DemoPage(page);
  await demo.open();
  await demo.run('fetch-data', /^200\b/);
  await demo.run('trigger-error', /^500\b/);
  await demo.run('browser-error', /reported$/);
  // Each panel stops once its trace, logs and exemplar are in (or after 30 s).
  for (const action of ['fetch-data', 'trigger-error', 'browser-error'] as const) {
    await expect(demo.result(action).getByTestId('telemetry-panel')).toHaveAttribute('data-phase', 'done', { timeout: 45_000 });
  }
  await expect(page.getByTestId('collector-status')).toHaveText(/receiving/);
  // The header is sticky: at the top it is where a visitor sees it, not over a card.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
});
