/**
 * `npm run bench:arrival`: how long after a click its telemetry can be read
 * back, as a person watching the page experiences it. Clicks "Fetch data" in
 * a real Chromium on a running demo (`npm start`, interactive profile) and,
 * per click, polls the trace store until the trace has spans of frontend-web,
 * node-api and worker, and the log store until node-api's and the worker's
 * log lines with that trace id are searchable (no forced flush: what a user
 * would see). Prints each click and p50 / p95.
 */
import { chromium, type Page } from '@playwright/test';
import { detectBackends, type LogStore, type TraceStore } from '@o11y-demo/telemetry-query';
import { backendConfig, targets } from '../src/targets';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 20);
const DEADLINE_MS = 30_000;
const POLL_MS = 25;
const GOALS = { trace: 1500, logs: 2500 } as const;
const TRACE_SERVICES = ['frontend-web', 'node-api', 'worker'];
const LOG_SERVICES = ['node-api', 'worker'];

/** Polls `probe` until true; resolves with the time it first was, or rejects at the deadline. */
async function firstTimeTrue(what: string, probe: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    if (await probe().catch(() => false)) return Date.now();
    if (Date.now() > deadline) throw new Error(`${what} not within ${DEADLINE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function clickOnce(page: Page, traceStore: TraceStore, logStore: LogStore): Promise<{ traceId: string; traceMs: number; logsMs: number }> {
  const card = page.getByTestId('result-fetch-data').getByTestId('trace-id');
  const previous = (await card.count()) > 0 ? await card.textContent() : null;
  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Fetch data', exact: true }).click();
  await page.waitForFunction(
    (old) => {
      const text = document.querySelector('[data-testid="result-fetch-data"] [data-testid="trace-id"]')?.textContent?.trim() ?? '';
      return /^[0-9a-f]{32}$/.test(text) && text !== old;
    },
    previous?.trim() ?? null,
    { polling: 10, timeout: 10_000 },
  );
  const traceId = ((await card.textContent()) ?? '').trim();
  const [traceAt, logsAt] = await Promise.all([
    firstTimeTrue(`trace ${traceId} complete in ${traceStore.displayName}`, async () => {
      const services = new Set(((await traceStore.getTrace(traceId)) ?? []).map((span) => span.service));
      return TRACE_SERVICES.every((service) => services.has(service));
    }),
    firstTimeTrue(`logs of ${traceId} in ${logStore.displayName}`, async () => {
      const services = new Set((await logStore.findLogsByTraceId(traceId)).map((record) => record.service));
      return LOG_SERVICES.every((service) => services.has(service));
    }),
  ]);
  return { traceId, traceMs: traceAt - clickedAt, logsMs: logsAt - clickedAt };
}

async function main(): Promise<void> {
  const { traceStore, logStore } = await detectBackends(backendConfig);
  if (!(await traceStore.isReady()) || !(await logStore.isReady())) {
    throw new Error(`no running demo: start it with \`npm start\` first (probed ${traceStore.baseUrl} and ${logStore.baseUrl})`);
  }
  const browser = await chromium.launch({
    executablePath: targets.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(targets.frontend);
    await page.getByRole('button', { name: 'Fetch data', exact: true }).waitFor();
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('button')?.disabled);
    process.stdout.write(`${CLICKS} clicks on "Fetch data" at ${targets.frontend}; trace store ${traceStore.displayName}, log store ${logStore.displayName}\n`);
    const results = [];
    for (let i = 0; i < CLICKS; i++) {
      const result = await clickOnce(page, traceStore, logStore);
      results.push(result);
      process.stdout.write(`  click ${String(i + 1).padStart(2)}  trace ${result.traceId}  complete ${(result.traceMs / 1000).toFixed(2)} s  logs ${(result.logsMs / 1000).toFixed(2)} s\n`);
    }
    for (const [signal, goal] of Object.entries(GOALS) as Array<[keyof typeof GOALS, number]>) {
      const sorted = results.map((r) => (signal === 'trace' ? r.traceMs : r.logsMs)).sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      process.stdout.write(
        `click -> ${signal === 'trace' ? 'complete trace' : 'logs searchable'}: p50 ${(percentile(sorted, 50) / 1000).toFixed(2)} s, ` +
          `p95 ${(p95 / 1000).toFixed(2)} s (goal p95 <= ${(goal / 1000).toFixed(1)} s: ${p95 <= goal ? 'within goal' : 'OVER GOAL'})\n`,
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
