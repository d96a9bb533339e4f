import { expect, test } from '@playwright/test';
import { backends } from '../src/backends';
import { clickAction, openDemo } from './demo-page';

test.describe.configure({ timeout: 90_000 });

const OTHER_NAMES: Record<string, string> = { jaeger: 'Tempo', tempo: 'Jaeger', victorialogs: 'Quickwit', quickwit: 'VictoriaLogs' };

test('after a click, every link on the page answers 2xx, and the page names only the stores that run', async ({ page, request }) => {
  const { traceStore, logStore } = await backends();
  await openDemo(page);
  await clickAction(page, 'fetch-data');
  const panel = page.getByTestId('result-fetch-data').getByTestId('telemetry-panel');
  // Once the exemplar is in, the panel links to everything it can: the trace, its logs, the route's counter.
  await expect(panel.getByTestId('panel-metrics')).toHaveAttribute('data-complete', 'true', { timeout: 40_000 });
  for (const tool of ['trace-store', 'log-store', 'prometheus']) {
    await expect(panel.locator(`a[data-tool="${tool}"]`), `a ${tool} link in the panel`).toHaveCount(1);
  }

  const hrefs = [...new Set(await page.locator('a[href]').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href)))];
  expect(hrefs.length, "links on the page").toBeGreaterThanOrEqual(4);
  const failures: string[] = [];
  for (const href of hrefs) {
    const response = await request.get(href, { timeout: 10_000 }).catch((error: Error) => error);
    const status = response instanceof Error ? response.message : response.status();
    test.info().annotations.push({ type: 'link', description: `${status} ${href}` });
    if (typeof status !== 'number' || status < 200 || status >= 300) failures.push(`${status} ${href}`);
  }
  expect(failures, 'links that do not answer 2xx').toEqual([]);

  // Nothing on the page says Tempo while Jaeger answers (or the other way round).
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).toContain(traceStore.displayName);
  expect(text).toContain(logStore.displayName);
  expect(text).not.toContain(OTHER_NAMES[traceStore.kind]);
  expect(text).not.toContain(OTHER_NAMES[logStore.kind]);
});
