import { expect, type Page } from '@playwright/test';

export type DemoAction = 'fetch-data' | 'slow-request' | 'trigger-error' | 'browser-error' | 'unhandled-rejection';

const BUTTONS: Record<DemoAction, string> = {
  'fetch-data': 'Fetch data',
  'slow-request': 'Slow request',
  'trigger-error': 'Trigger error',
  'browser-error': 'Throw in the browser',
  'unhandled-rejection': 'Unhandled rejection',
};

/** Clicks one of the demo's actions and returns the trace id its result card shows. */
export async function clickAction(page: Page, action: DemoAction): Promise<string> {
  const card = page.getByTestId(`result-${action}`);
  const traceId = card.getByTestId('trace-id');
  const previous = (await traceId.count()) > 0 ? await traceId.textContent() : null;
  await page.getByRole('button', { name: BUTTONS[action], exact: true }).click();
  // Each click is a new trace: wait until the card shows a new id.
  await expect(traceId).toHaveText(/^\s*[0-9a-f]{32}\s*$/);
  if (previous) await expect(traceId).not.toHaveText(previous);
  return ((await traceId.textContent()) ?? '').trim();
}

export async function openDemo(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Fetch data', exact: true })).toBeEnabled();
}
