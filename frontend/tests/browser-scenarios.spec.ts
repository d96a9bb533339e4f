import { DemoPage } from './support/demo-page';
import { expect, test, type OtlpRecorder } from './support/otlp-recorder';
import { expectActiveOnPage, switchAllOff, switchScenario } from './support/scenarios';

/**
 * The two scenarios that act in the browser, proven by what the browser
 * itself measures and reports (the OTLP recorder stands in for the
 * collector), and the `demo.scenarios` attribute that lets a learner find
 * what was recorded while a scenario was on.
 */

test.beforeEach(async ({ request }) => switchAllOff(request));
test.afterEach(async ({ request }) => switchAllOff(request));

function webVital(otlp: OtlpRecorder, name: string) {
  return otlp.logRecords.find((record) => record.eventName === 'browser.web_vital' && record.attributes['browser.web_vital.name'] === name);
}

test('long-task: a click holds the main thread ~300 ms in a span of its own, and INP shows it', async ({ page, request, otlp }) => {
  await switchScenario(request, 'long-task', true);
  const demo = new DemoPage(page);
  await demo.open();
  await expectActiveOnPage(page, 1);

  const traceId = await demo.run('fetch-data', /^200\b/);
  await expect.poll(() => otlp.spans.find((span) => span.name === 'scenario: long task')?.traceId).toBe(traceId);
  const longTask = otlp.spans.find((span) => span.name === 'scenario: long task')!;
  expect(longTask.durationMs).toBeGreaterThanOrEqual(295);
  expect(longTask.attributes['demo.blocked_ms']).toBe(300);
  // Under the click, before the action: the click's own span is as long as the block.
  const click = otlp.spans.find((span) => span.spanId === longTask.parentSpanId);
  expect(click?.name).toBe('click');
  expect(click!.durationMs).toBeGreaterThanOrEqual(300);

  await demo.simulateTabHidden();
  await expect.poll(() => webVital(otlp, 'inp')?.attributes['browser.web_vital.value']).toBeGreaterThanOrEqual(300);
  const inp = webVital(otlp, 'inp')!;
  expect(inp.attributes['browser.web_vital.rating']).not.toBe('good');
  expect(inp.attributes['demo.scenarios']).toBe(JSON.stringify(['long-task']));
});

test('layout-shift: a banner arrives a second after the result, pushes the page down, and CLS counts it', async ({ page, request, otlp }) => {
  await switchScenario(request, 'layout-shift', true);
  const demo = new DemoPage(page);
  await demo.open();
  await expectActiveOnPage(page, 1);
  const hero = page.locator('main h1');
  const heroTopBefore = (await hero.boundingBox())!.y;

  await demo.run('fetch-data', /^200\b/);
  // Not at once: a shift within 500 ms of an input is forgiven by CLS.
  await expect(page.getByTestId('late-banner')).toHaveCount(0);
  await expect(page.getByTestId('late-banner')).toBeVisible();
  await expect(page.getByTestId('late-banner')).toContainText('“Fetch data” result');
  expect((await hero.boundingBox())!.y).toBeGreaterThan(heroTopBefore + 100);

  // What the browser itself recorded: a shift that no input excuses.
  const shifts = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        // Layout shifts reach only observers (buffered), not getEntriesByType().
        const observer = new PerformanceObserver((list) => {
          observer.disconnect();
          const entries = list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[];
          resolve(entries.filter((entry) => !entry.hadRecentInput).map((entry) => entry.value));
        });
        observer.observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve([]), 2_000);
      }),
  );
  expect(Math.max(0, ...shifts)).toBeGreaterThan(0.1);

  await demo.simulateTabHidden();
  // Past 0.1 on this 1440 × 900 viewport: "needs improvement", where the page alone stays "good".
  await expect.poll(() => webVital(otlp, 'cls')?.attributes['browser.web_vital.value']).toBeGreaterThan(0.1);
  const cls = webVital(otlp, 'cls')!;
  expect(cls.attributes['browser.web_vital.rating']).toBe('needs-improvement');
  expect(cls.attributes['demo.scenarios']).toBe(JSON.stringify(['layout-shift']));
});

test('layout-shift: each click takes the banner away and the next result brings it back; switched off, it stays away', async ({ page }) => {
  const demo = new DemoPage(page);
  await demo.open();
  await page.getByRole('checkbox', { name: 'Layout shift', exact: true }).check();
  await expectActiveOnPage(page, 1);

  await demo.run('fetch-data', /^200\b/);
  const banner = page.getByTestId('late-banner');
  await expect(banner).toBeVisible();
  await page.getByRole('button', { name: 'Trigger error', exact: true }).click();
  await expect(banner).toHaveCount(0);
  await expect(banner).toContainText('“Trigger error” result');

  await page.getByRole('button', { name: 'Switch all off' }).click();
  await expectActiveOnPage(page, 0);
  await expect(banner).toHaveCount(1);
  await demo.run('fetch-data', /^200\b/);
  await expect(banner).toHaveCount(0);
  // Longer than the banner's delay: it would be there by now.
  await page.waitForTimeout(1_500);
  await expect(banner).toHaveCount(0);
});

test('spans carry demo.scenarios while scenarios are on, in catalog order, and only then', async ({ page, request, otlp }) => {
  const demo = new DemoPage(page);
  await demo.open();
  await expectActiveOnPage(page, 0);
  const before = await demo.run('fetch-data', /^200\b/);

  await switchScenario(request, 'layout-shift', true);
  await switchScenario(request, 'log-flood', true);
  await expectActiveOnPage(page, 2);
  const during = await demo.run('trigger-error', /^500\b/);

  const spansOf = (traceId: string) => otlp.spans.filter((span) => span.traceId === traceId);
  await expect.poll(() => spansOf(during).map((span) => span.name)).toEqual(expect.arrayContaining(['click', 'demo: trigger error', 'GET']));
  for (const span of spansOf(during)) expect(span.attributes['demo.scenarios'], span.name).toBe(JSON.stringify(['log-flood', 'layout-shift']));

  await expect.poll(() => spansOf(before).map((span) => span.name)).toEqual(expect.arrayContaining(['click', 'demo: fetch data', 'GET']));
  for (const span of spansOf(before)) expect(span.attributes['demo.scenarios'], span.name).toBeUndefined();
});
