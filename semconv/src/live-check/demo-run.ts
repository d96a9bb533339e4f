import { startServiceProcess, type ServiceProcess } from '@o11y-demo/telemetry/testing/service-process';
import { requireBinary } from '@o11y-demo/stack/test/support/backend-binary';
import { freePort, startAndWait, stop, type StartedProcess } from '@o11y-demo/stack/test/support/processes';
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../registry';

/** The page's five buttons: action id and accessible name (frontend/src/demo/demo-actions.ts). */
const DEMO_BUTTONS = [
  ['fetch-data', 'Fetch data'],
  ['slow-request', 'Slow request'],
  ['trigger-error', 'Trigger error'],
  ['browser-error', 'Throw in the browser'],
  ['unhandled-rejection', 'Unhandled rejection'],
] as const;

const COLLECTOR_CONFIGS = ['collector/config.yaml', 'semconv/live-check/collector.yaml'];
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

interface Part {
  name: string;
  stop(): Promise<unknown>;
  output(): string;
}

export interface DemoRun {
  /** What each part printed, for a failure message. */
  output(): string;
  /** Stops the apps first (their SDKs flush on SIGTERM), then the collector (it flushes its pipelines). */
  stop(): Promise<void>;
}

/**
 * The collector binary the stack runs, with the demo's config and the live
 * check's layered over it, on free ports (so it runs beside `npm start`).
 */
async function startCollector(weaverOtlpGrpcPort: number, frontendOrigin: string, queueDir: string): Promise<{ part: Part; otlpHttpUrl: string }> {
  const [grpc, http, health, metrics] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const started: StartedProcess = await startAndWait(requireBinary('OTELCOL_BIN'), COLLECTOR_CONFIGS.flatMap((config) => ['--config', config]), {
    readyUrl: `http://127.0.0.1:${health}/`,
    env: {
      COLLECTOR_HOST: '127.0.0.1',
      COLLECTOR_OTLP_GRPC_PORT: String(grpc),
      COLLECTOR_OTLP_HTTP_PORT: String(http),
      COLLECTOR_HEALTH_PORT: String(health),
      COLLECTOR_METRICS_PORT: String(metrics),
      COLLECTOR_QUEUE_DIR: queueDir,
      WEAVER_OTLP_GRPC_PORT: String(weaverOtlpGrpcPort),
      FRONTEND_ORIGIN: frontendOrigin,
      FRONTEND_ORIGIN_ALT: frontendOrigin.replace('127.0.0.1', 'localhost'),
    },
  });
  return { part: { name: 'collector', stop: () => stop(started.child), output: started.output }, otlpHttpUrl: `http://127.0.0.1:${http}` };
}

function servicePart(name: string, service: ServiceProcess): Part {
  return { name, stop: () => service.stop(), output: () => [...service.stdout.slice(-20), ...service.stderr.slice(-20)].join('\n') };
}

/** Settings every app shares: where to export, and metrics exported every second so a short run has them. */
function appTelemetryEnv(otlpHttpUrl: string): Record<string, string> {
  return { OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttpUrl, OTEL_METRIC_EXPORT_INTERVAL: '1000' };
}

/**
 * Starts the collector, the worker, node-api and the page's server, all
 * exporting to the collector, which sends everything to Weaver. Needs the
 * workspaces built (`npm run build`: the services' dist/ and the page's .next/).
 */
export async function startDemo(weaverOtlpGrpcPort: number, queueDir: string): Promise<DemoRun & { frontendUrl: string }> {
  for (const built of ['services/worker/dist/main.js', 'services/node-api/dist/main.js', 'frontend/.next/BUILD_ID', 'frontend/dist/serve.js']) {
    if (!existsSync(join(repoRoot, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  const parts: Part[] = [];
  const demo: DemoRun = {
    output: () => parts.map((part) => `--- ${part.name}\n${part.output()}`).join('\n'),
    async stop() {
      for (const part of parts.slice().reverse()) await part.stop();
    },
  };
  try {
    const frontendPort = await freePort();
    const frontendUrl = `http://127.0.0.1:${frontendPort}`;
    const collector = await startCollector(weaverOtlpGrpcPort, frontendUrl, queueDir);
    parts.push(collector.part);
    const telemetry = appTelemetryEnv(collector.otlpHttpUrl);

    const worker = await startServiceProcess({ entry: join(repoRoot, 'services/worker/dist/main.js'), env: { ...telemetry, HOST: '127.0.0.1', PORT: '0' } });
    parts.push(servicePart('worker', worker));
    const nodeApi = await startServiceProcess({
      entry: join(repoRoot, 'services/node-api/dist/main.js'),
      env: { ...telemetry, HOST: '127.0.0.1', PORT: '0', WORKER_URL: worker.url, CORS_ORIGINS: frontendUrl },
    });
    parts.push(servicePart('node-api', nodeApi));

    const nothing = `http://127.0.0.1:${await freePort()}`;
    // The page's own server, as the stack runs it (frontend/src/server/serve.ts).
    const frontend = await startAndWait(process.execPath, [join(repoRoot, 'frontend/dist/serve.js')], {
      cwd: join(repoRoot, 'frontend'),
      readyUrl: `${frontendUrl}/api/health`,
      timeoutMs: 60_000,
      env: {
        ...telemetry,
        HOST: '127.0.0.1',
        PORT: String(frontendPort),
        NEXT_IGNORE_INCORRECT_LOCKFILE: '1',
        PUBLIC_NODE_API_URL: nodeApi.url,
        PUBLIC_OTLP_URL: collector.otlpHttpUrl,
        // No store runs: the page's telemetry panel says so; the check is about what the apps send.
        TRACE_STORE: 'jaeger',
        TRACE_STORE_URL: nothing,
        LOG_STORE: 'victorialogs',
        LOG_STORE_URL: nothing,
        PROMETHEUS_URL: nothing,
        GRAFANA_URL: '',
      },
    });
    parts.push({ name: 'frontend', stop: () => stop(frontend.child), output: frontend.output });
    return { ...demo, frontendUrl };
  } catch (error) {
    await demo.stop();
    throw error;
  }
}

/** Clicks a button and waits until its result card shows the click's trace id. */
async function clickAndWait(page: Page, [id, label]: (typeof DEMO_BUTTONS)[number]): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const traceId = page.getByTestId(`result-${id}`).getByTestId('trace-id');
  const deadline = Date.now() + 20_000;
  while (!/^\s*[0-9a-f]{32}\s*$/.test((await traceId.count()) > 0 ? ((await traceId.textContent()) ?? '') : '')) {
    if (Date.now() > deadline) throw new Error(`no trace id in the result of "${label}" within 20 s`);
    await page.waitForTimeout(200);
  }
}

/**
 * A visitor in Chromium: opens the page, clicks the five buttons one after
 * another, each until its result shows, then hides the tab so the final web
 * vitals (LCP, CLS, INP) are sent, and waits for the browser's exports.
 */
export async function clickTheFiveButtons(frontendUrl: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const exports: Promise<unknown>[] = [];
    page.on('request', (request) => {
      if (/\/v1\/(traces|logs)$/.test(new URL(request.url()).pathname)) exports.push(request.response());
    });
    await page.goto(frontendUrl);
    await page.getByRole('button', { name: DEMO_BUTTONS[0][1], exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
    for (const button of DEMO_BUTTONS) await clickAndWait(page, button);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    // The browser exports every 250 ms; wait until what it sent has been answered.
    const settledAt = Date.now() + 3_000;
    while (Date.now() < settledAt) {
      await Promise.allSettled(exports);
      await page.waitForTimeout(250);
    }
  } finally {
    await browser.close();
  }
}
