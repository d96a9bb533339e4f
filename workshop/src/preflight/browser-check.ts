import { expect } from '@playwright/test';
import type { ScenarioName } from '@o11y-demo/scenarios';
import { pollFor } from './poll';
import type { PreflightContext } from './preflight-context';

/**
 * A visitor with a browser scenario on: opens the page, clicks "Fetch data",
 * leaves the tab (web vitals report CLS and INP when the page is hidden), and
 * the web-vital log record must reach the log store with the scenario on it.
 */
export async function checkBrowserVital(
  ctx: PreflightContext,
  { vital, scenario, atLeast, waitForBanner }: { vital: 'CLS' | 'INP'; scenario: ScenarioName; atLeast: number; waitForBanner: boolean },
): Promise<string> {
  const since = Date.now() - 1_000;
  const browser = await ctx.browser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(ctx.targets.frontend);
    // The page learns the switch by polling node-api: wait until it shows the scenario on.
    await expect(page.getByTestId('scenarios-count')).toHaveText('1 scenario active', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Fetch data', exact: true }).click();
    await expect(page.getByTestId('result-fetch-data').getByTestId('trace-id')).toHaveText(/[0-9a-f]{32}/, { timeout: 20_000 });
    if (waitForBanner) await expect(page.getByTestId('late-banner')).toBeVisible({ timeout: 10_000 });
    // web-vitals handles an interaction in an idle callback; hide the page only after it ran.
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 })));
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  } finally {
    await context.close();
  }
  const value = await pollFor(`a ${vital} web vital from the browser, with ${scenario} on it, in ${ctx.logStore.displayName}`, ctx.deadlineMs, async () => {
    const records = await ctx.logStore.findServiceLogs('frontend-web', { sinceUnixMs: since, limit: 500 });
    const vitals = records.filter(
      (r) => r.attributes['event.name'] === 'browser.web_vital' && r.attributes['web_vital.name'] === vital && String(r.attributes['demo.scenarios'] ?? '').includes(scenario),
    );
    const best = Math.max(Number.NEGATIVE_INFINITY, ...vitals.map((r) => Number(r.attributes['web_vital.value'])));
    return best >= atLeast ? best : vitals.length === 0 ? `${records.length} browser records, no ${vital} with ${scenario}` : `${vital} ${best}`;
  });
  return `${vital} ${vital === 'CLS' ? value.toFixed(2) : `${Math.round(value)} ms`} reported with demo.scenarios=${scenario}`;
}
