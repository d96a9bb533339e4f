// `npm run bench:idle`: five "Fetch data" clicks on the page in Chromium against
// the running native stack, each until its panel shows the complete trace and
// logs, then BENCH_IDLE_SECONDS (default 30) idle; prints the resident memory of
// everything `npm start` runs, npm and the supervisor included, process by process.
import { chromium } from '@playwright/test';
import { readStackState, sampleWholeStack } from '@o11y-demo/stack';
import { readTargets } from '../src/targets';

const GOAL_BYTES = 650 * 1024 ** 2;
const CLICKS = 5;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

async function clickFetchData(frontendUrl: string, chromiumPath: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(frontendUrl);
    const card = page.getByTestId('result-fetch-data');
    const traceId = card.getByTestId('trace-id');
    let previous = '';
    for (let click = 1; click <= CLICKS; click++) {
      await page.getByRole('button', { name: 'Fetch data', exact: true }).click();
      // Each click is a new trace: wait for the card to show a new id, then for its panel to settle.
      const newId = traceId.filter({ hasText: /^\s*[0-9a-f]{32}\s*$/, ...(previous === '' ? {} : { hasNotText: previous }) });
      await newId.waitFor({ timeout: 30_000 });
      previous = ((await newId.textContent()) ?? '').trim();
      await card.locator('[data-testid="panel-trace"][data-complete="true"]').waitFor({ timeout: 60_000 });
      await card.locator('[data-testid="panel-logs"][data-complete="true"]').waitFor({ timeout: 60_000 });
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const state = readStackState();
  if (state === null) throw new Error('no native stack is running (.run/stack.json is missing): start it with `npm start` first');
  const idleSeconds = Number(process.env['BENCH_IDLE_SECONDS'] ?? 30);
  if (!Number.isFinite(idleSeconds) || idleSeconds < 0) throw new Error(`BENCH_IDLE_SECONDS must be a number of seconds >= 0, got "${process.env['BENCH_IDLE_SECONDS']}"`);
  const targets = readTargets();
  const log = (line: string): void => void process.stdout.write(`${line}\n`);

  log(`${CLICKS} clicks on ${targets.frontend}, then ${idleSeconds} s idle...`);
  await clickFetchData(targets.frontend, targets.chromium);
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));

  const sample = sampleWholeStack(state.runnerPid, state.components);
  for (const [name, bytes] of [...sample.byProcess].sort((a, b) => b[1] - a[1])) log(`  ${name.padEnd(14)} ${mib(bytes).padStart(8)}`);
  const verdict = sample.residentBytes <= GOAL_BYTES ? 'within goal' : 'OVER GOAL';
  log(`everything npm start runs, idle after ${CLICKS} clicks: ${mib(sample.residentBytes)} RSS (goal <= ${mib(GOAL_BYTES)}: ${verdict})`);
  log(`the same processes' PSS (shared pages such as the node binary's code counted once): ${mib(sample.proportionalBytes)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
