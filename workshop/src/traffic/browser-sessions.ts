import { chromium, type Browser, type Page } from '@playwright/test';

/** What a visitor does, weighted like a real one: mostly reads, now and then a failure. */
const CLICKS: ReadonlyArray<{ button: string; weight: number }> = [
  { button: 'Fetch data', weight: 12 },
  { button: 'Slow request', weight: 3 },
  { button: 'Trigger error', weight: 2 },
  { button: 'Throw in the browser', weight: 1 },
];
const CLICKS_PER_PAGE_VIEW = 8;
const THINK_TIME_MS = { min: 1_500, max: 4_000 };

export interface BrowserCounters {
  sessions: number;
  pageViews: number;
  clicks: number;
  /** Navigation or click failures (the page did not load, a button never enabled). */
  failures: number;
}

export interface BrowserSessions {
  readonly counters: BrowserCounters;
  stop(): Promise<void>;
}

function pickClick(random: () => number): string {
  const total = CLICKS.reduce((sum, c) => sum + c.weight, 0);
  let roll = random() * total;
  for (const click of CLICKS) {
    roll -= click.weight;
    if (roll < 0) return click.button;
  }
  return CLICKS[0]!.button;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One visitor: a page view, a handful of clicks with think time, then a fresh page view. */
async function visit(page: Page, frontendUrl: string, counters: BrowserCounters, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      await page.goto(frontendUrl, { timeout: 30_000 });
      counters.pageViews++;
      for (let i = 0; i < CLICKS_PER_PAGE_VIEW && !signal.aborted; i++) {
        const button = page.getByRole('button', { name: pickClick(Math.random), exact: true });
        await button.click({ timeout: 20_000 });
        counters.clicks++;
        await pause(THINK_TIME_MS.min + Math.random() * (THINK_TIME_MS.max - THINK_TIME_MS.min), signal);
      }
    } catch {
      if (signal.aborted) return;
      counters.failures++;
      await pause(2_000, signal);
    }
  }
}

/**
 * Real browser sessions in the system Chromium: the page's own RUM (web vitals,
 * browser errors, the click-to-backend traces) only exists when a browser runs it.
 * Each session is its own browser context, so each gets its own session.id.
 */
export async function startBrowserSessions(frontendUrl: string, { count, chromiumPath }: { count: number; chromiumPath: string }): Promise<BrowserSessions> {
  const counters: BrowserCounters = { sessions: 0, pageViews: 0, clicks: 0, failures: 0 };
  if (count === 0) return { counters, stop: async () => {} };
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const controller = new AbortController();
  const pages = await Promise.all(
    Array.from({ length: count }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      counters.sessions++;
      return context.newPage();
    }),
  );
  const running = Promise.all(pages.map((page) => visit(page, frontendUrl, counters, controller.signal)));
  return {
    counters,
    async stop() {
      controller.abort();
      await running;
      await browser.close();
    },
  };
}
