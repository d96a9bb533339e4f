import { expect } from '@playwright/test';
import type { ScenarioName } from '@o11y-demo/scenarios';
import { pollFor } from './poll';
import type { PreflightContext } from './preflight-context';

/**
 * Resolves once the browser has an Event Timing entry for an interaction (or
 * after 5 s), and then an idle callback has run.
 */
const CLICK_TIMED_THEN_IDLE = `new Promise((resolve) => {
  let finished = false;
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => entry.interactionId)) finish();
  });
  function finish() {
    if (finished) return;
    finished = true;
    observer.disconnect();
    requestIdleCallback(() => resolve(undefined), { timeout: 1000 });
  }
  observer.observe({ type: 'event', buffered: true, durationThreshold: 16 });
  setTimeout(finish, 5000);
})`;

/** One visit: open the page, wait until it shows `expectActive` scenarios, click "Fetch data", leave the tab. */
async function visitAndLeave(ctx: PreflightContext, { expectActive, waitForBanner }: { expectActive: string; waitForBanner: boolean }): Promise<void> {
  const browser = await ctx.browser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(ctx.targets.frontend);
    // The page learns the switch by polling node-api: wait until it shows the state the check needs.
    await expect(page.getByTestId('scenarios-count')).toHaveText(expectActive, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Fetch data', exact: true }).click();
    await expect(page.getByTestId('result-fetch-data').getByTestId('trace-id')).toHaveText(/[0-9a-f]{32}/, { timeout: 20_000 });
    if (waitForBanner) await expect(page.getByTestId('late-banner')).toBeVisible({ timeout: 10_000 });
    // INP exists only once the browser has timed the click (an Event Timing entry,
    // delivered to observers asynchronously), and web-vitals handles it in an idle
    // callback after that; hide the page only then, or no INP is reported.
    // A string, not a function: the TypeScript loader would wrap named inner
    // functions in a helper that does not exist in the page.
    await page.evaluate(CLICK_TIMED_THEN_IDLE);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  } finally {
    await context.close();
  }
}

/** The largest value of a web vital the browser reported since `since`, with or without the scenario on it; a string while there is none. */
async function reportedVital(
  ctx: PreflightContext,
  { vital, scenario, since, withScenario }: { vital: 'CLS' | 'INP'; scenario: ScenarioName; since: number; withScenario: boolean },
): Promise<number | string> {
  const records = await ctx.logStore.findServiceLogs('frontend-web', { sinceUnixMs: since, limit: 500 });
  // A `browser.web_vital` event is known by its attributes: not every log store keeps the EventName field.
  const vitals = records.filter(
    (r) =>
      r.attributes['browser.web_vital.name'] === vital.toLowerCase() &&
      String(r.attributes['demo.scenarios'] ?? '').includes(scenario) === withScenario,
  );
  return vitals.length === 0 ? `${records.length} browser records, no ${vital} ${withScenario ? `with ${scenario}` : 'without a scenario'}` : Math.max(...vitals.map((r) => Number(r.attributes['browser.web_vital.value'])));
}

const format = (vital: 'CLS' | 'INP', value: number): string => (vital === 'CLS' ? value.toFixed(3) : `${Math.round(value)} ms`);

/**
 * A visitor without the scenario, then one with it: the web vital must be
 * good first and cross `atLeast` second, each reported to the log store
 * (web vitals are reported when the page is hidden). That the page is fine
 * without the scenario is the exercise's premise, so it is checked too.
 */
export async function checkBrowserVital(
  ctx: PreflightContext,
  { vital, scenario, atLeast, waitForBanner }: { vital: 'CLS' | 'INP'; scenario: ScenarioName; atLeast: number; waitForBanner: boolean },
): Promise<string> {
  await ctx.scenarios.set(scenario, false);
  const baselineSince = Date.now() - 1_000;
  await visitAndLeave(ctx, { expectActive: 'none active', waitForBanner: false });
  const baseline = await pollFor(`a ${vital} web vital with no scenario on, in ${ctx.logStore.displayName}`, ctx.deadlineMs, () =>
    reportedVital(ctx, { vital, scenario, since: baselineSince, withScenario: false }),
  );
  if (baseline >= atLeast) throw new Error(`${vital} is already ${format(vital, baseline)} with no scenario on: the page itself is at fault, the exercise would show nothing`);

  await ctx.scenarios.set(scenario, true);
  const since = Date.now() - 1_000;
  await visitAndLeave(ctx, { expectActive: '1 scenario active', waitForBanner });
  const value = await pollFor(`a ${vital} of at least ${format(vital, atLeast)} with ${scenario} on, in ${ctx.logStore.displayName}`, ctx.deadlineMs, async () => {
    const measured = await reportedVital(ctx, { vital, scenario, since, withScenario: true });
    return typeof measured === 'string' || measured >= atLeast ? measured : `${vital} ${format(vital, measured)}`;
  });
  return `${vital} ${format(vital, baseline)} without the scenario, ${format(vital, value)} with it (demo.scenarios=${scenario})`;
}
