import { DemoPage } from './support/demo-page';
import { expect, test } from './support/otlp-recorder';

test.skip(!process.env.SCREENSHOT, 'run with `npm run screenshot -w @o11y-demo/frontend`');

test('screenshot of the page after a few clicks', async ({ page, otlp }) => {
  const demo = new DemoPage(page);
  await demo.open();
  await demo.run('fetch-data', /^200\b/);
  await demo.run('slow-request', /^200\b/);
  await demo.run('trigger-error', /^500\b/);
  await demo.run('browser-error', /reported$/);
  // Let the page report its final web vitals, then look visible again.
  await demo.simulateTabHidden();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });
  await expect(page.getByTestId('collector-status')).toHaveText(/receiving/);
  await expect.poll(() => otlp.logRecords.length).toBeGreaterThan(0);
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
});
