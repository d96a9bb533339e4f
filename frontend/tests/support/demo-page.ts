import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export type DemoActionId =
  | 'fetch-data'
  | 'slow-request'
  | 'trigger-error'
  | 'browser-error'
  | 'unhandled-rejection';

const BUTTON_NAMES: Record<DemoActionId, string> = {
  'fetch-data': 'Fetch data',
  'slow-request': 'Slow request',
  'trigger-error': 'Trigger error',
  'browser-error': 'Throw in the browser',
  'unhandled-rejection': 'Unhandled rejection',
};

export const TRACE_ID = /^[0-9a-f]{32}$/;

/** The test hooks the page promises (README: "Test hooks"). */
export class DemoPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    // Telemetry starts before hydration; the session id appears after it.
    await expect(this.page.getByTestId('session-id')).toHaveText(/^[0-9a-f]{32}$/);
  }

  result(action: DemoActionId): Locator {
    return this.page.getByTestId(`result-${action}`);
  }

  /** Clicks the action's button and waits for its result; returns the trace id shown. */
  async run(action: DemoActionId, expectedStatus: RegExp): Promise<string> {
    await this.page.getByRole('button', { name: BUTTON_NAMES[action], exact: true }).click();
    const card = this.result(action);
    await expect(card.getByTestId('status')).toHaveText(expectedStatus);
    const traceId = (await card.getByTestId('trace-id').textContent()) ?? '';
    expect(traceId).toMatch(TRACE_ID);
    return traceId;
  }

  async sessionId(): Promise<string> {
    return (await this.page.getByTestId('session-id').textContent()) ?? '';
  }

  /**
   * What the browser does when the visitor switches tabs. Headless Chromium
   * never hides a page by itself; web-vitals and the log processor only look
   * at `document.visibilityState` and the event.
   */
  async simulateTabHidden(): Promise<void> {
    // A visitor does not switch tabs within the same frame as a click.
    // web-vitals (5.x) processes an interaction's event-timing entries in an
    // idle callback; a page hidden before that callback ran reports no INP.
    await this.page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 })));
    await this.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }
}
