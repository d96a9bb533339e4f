import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ScenarioApi } from '../scenario-api';
import { readTargets } from '../targets';
import { startBrowserSessions } from './browser-sessions';
import { startHttpLoad } from './http-load';
import { formatProgress } from './progress-line';

const USAGE = `usage: npm run traffic [-- --rate 10] [--browsers 2] [--duration 10m] [--requests N]
  A steady mix against the local demo until the duration (or request count) is reached, or Ctrl-C:
  traced HTTP requests to node-api (85 % /data, 10 % slow, 5 % /error) at --rate per second,
  plus --browsers real Chromium sessions clicking through the page (RUM, web vitals, browser errors).
  Targets: WORKSHOP_NODE_API_URL, WORKSHOP_FRONTEND_URL (this machine only), CHROMIUM_PATH.`;

const Duration = z
  .string()
  .regex(/^\d+(s|m|h)?$/, '--duration takes seconds, or a number with s, m or h (90s, 10m, 1h)')
  .transform((text) => {
    const value = Number.parseInt(text, 10);
    const unit = text.at(-1);
    return unit === 'h' ? value * 3600 : unit === 'm' ? value * 60 : value;
  })
  .pipe(z.number().min(1, '--duration must be at least 1 s').max(8 * 3600, '--duration is at most 8h: traffic is always bounded'));

const Args = z.object({
  rate: z.coerce.number({ error: '--rate must be a number' }).min(0.2, '--rate must be 0.2-200 requests per second').max(200, '--rate must be 0.2-200 requests per second'),
  browsers: z.coerce.number({ error: '--browsers must be a number' }).int('--browsers must be a whole number').min(0).max(8, '--browsers is at most 8: each is a Chromium'),
  durationS: Duration,
  requests: z.coerce.number().int().min(1, '--requests must be at least 1').optional(),
});
export type TrafficArgs = z.infer<typeof Args>;

export function parseTrafficArgs(argv: readonly string[]): TrafficArgs | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rate: { type: 'string', default: '10' },
      browsers: { type: 'string', default: '2' },
      duration: { type: 'string', default: '10m' },
      requests: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const parsed = Args.safeParse({ rate: values.rate, browsers: values.browsers, durationS: values.duration, requests: values.requests });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join('\n')}\n\n${USAGE}`);
  return parsed.data;
}

export interface TrafficSummary {
  readonly seconds: number;
  readonly httpSent: number;
  readonly httpErrors: number;
  readonly plannedErrors: number;
  readonly clicks: number;
  readonly pageViews: number;
}

/** Runs the mix until its bound or the signal; prints a progress line every second. */
export async function runTraffic(args: TrafficArgs, { signal, write }: { signal?: AbortSignal; write: (text: string) => void }): Promise<TrafficSummary> {
  const targets = readTargets();
  const scenarioApi = new ScenarioApi(targets.nodeApi);
  // Fail before any load starts when the demo is not up.
  let active: readonly string[] | undefined = (await scenarioApi.list()).active;
  const started = Date.now();
  const http = startHttpLoad(targets.nodeApi, { rate: args.rate, durationS: args.durationS, amount: args.requests });
  const browsers = await startBrowserSessions(targets.frontend, { count: args.browsers, chromiumPath: targets.chromium });
  const interactive = process.stdout.isTTY === true;
  let lastLine = 0;
  const tick = setInterval(() => {
    void scenarioApi.list().then(
      (list) => (active = list.active),
      () => (active = undefined),
    );
    const elapsed = Date.now() - started;
    const line = formatProgress(elapsed, http.counters, http.counters.sent / Math.max(1, elapsed / 1000), browsers.counters, active);
    // A terminal gets one line rewritten in place; a log file a line every 10 s.
    if (interactive) write(`\r\u001b[2K${line}`);
    else if (elapsed - lastLine >= 10_000) {
      lastLine = elapsed;
      write(`${line}\n`);
    }
  }, 1000);
  const stop = (): void => http.stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await http.done;
  } finally {
    clearInterval(tick);
    signal?.removeEventListener('abort', stop);
    await browsers.stop();
  }
  if (interactive) write('\n');
  return {
    seconds: (Date.now() - started) / 1000,
    httpSent: http.counters.sent,
    httpErrors: http.counters.errors,
    plannedErrors: http.counters.plannedErrors,
    clicks: browsers.counters.clicks,
    pageViews: browsers.counters.pageViews,
  };
}

if (require.main === module) {
  const write = (text: string): void => void process.stdout.write(text);
  const controller = new AbortController();
  // First Ctrl-C: stop cleanly (browsers closed, totals printed); a second one exits at once.
  process.once('SIGINT', () => {
    write('\nstopping...\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  Promise.resolve()
    .then(() => {
      const args = parseTrafficArgs(process.argv.slice(2));
      if (args === 'help') {
        write(`${USAGE}\n`);
        return;
      }
      write(`traffic: ${args.rate} req/s HTTP, ${args.browsers} browser sessions, for ${args.durationS} s${args.requests ? ` or ${args.requests} requests` : ''} (Ctrl-C stops)\n`);
      return runTraffic(args, { signal: controller.signal, write }).then((s) =>
        write(
          `done: ${s.httpSent} HTTP requests in ${s.seconds.toFixed(0)} s (${(s.httpSent / s.seconds).toFixed(1)}/s), ` +
            `${s.httpErrors} unexpected errors, ${s.plannedErrors} planned /error; ${s.pageViews} page views, ${s.clicks} clicks\n`,
        ),
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
