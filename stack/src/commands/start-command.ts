import { LOCAL_URLS } from '@o11y-demo/topology';
import { startStack, type RunningStack } from '../stack';
import { formatStatusTable, type StatusRow } from '../run/status-table';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function stackStatusRows(stack: Pick<RunningStack, 'components' | 'skipped'>): StatusRow[] {
  return [
    ...stack.components.map((c) => ({ name: c.name, url: c.url, state: `healthy (after ${seconds(c.healthyAfterMs)}, pid ${c.pid})` })),
    ...stack.skipped.map((s) => ({ name: s.name, url: '-', state: s.reason })),
  ];
}

/**
 * `npm start`: runs the stack in the foreground until Ctrl-C or SIGTERM.
 * Signals are handled here, not in startStack(), so the library never
 * installs process-wide handlers behind the test suite's back.
 */
export async function runStartCommand(options: { profile: 'interactive' | 'test' }): Promise<number> {
  const startup = new AbortController();
  let stack: RunningStack | undefined;
  let stopRequestedAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopRequestedAt !== undefined) {
      // One Ctrl-C often arrives twice: from the terminal and relayed by tsx/npm.
      if (Date.now() - stopRequestedAt > 1000) {
        process.stderr.write(`[stack] ${signal} again: still stopping (children get SIGKILL after their deadline)\n`);
      }
      return;
    }
    stopRequestedAt = Date.now();
    process.stderr.write(`[stack] ${signal}: stopping apps, then the collector (it flushes), then the backends\n`);
    if (stack === undefined) startup.abort();
    else void stack.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  let crashed = false;
  try {
    stack = await startStack({
      profile: options.profile,
      signal: startup.signal,
      onUnexpectedExit: (_name, detail) => {
        crashed = true;
        process.stderr.write(`\n[stack] ${detail}\n[stack] stopping everything\n`);
      },
    });
  } catch (error) {
    if (startup.signal.aborted) {
      process.stderr.write('[stack] stopped before the stack was up\n');
      return 130;
    }
    throw error;
  }

  process.stdout.write(
    `\n${formatStatusTable(stackStatusRows(stack))}\n\n` +
      `All up in ${seconds(stack.startupMs)}. Open ${LOCAL_URLS.frontend} and click "Fetch data"; ` +
      'each click shows its trace, logs and metrics right below it.\n' +
      `Logs: .run/logs/<name>.log. Ctrl-C stops everything.\n\n`,
  );
  await stack.stopped;
  process.stderr.write('[stack] stopped\n');
  return crashed ? 1 : 0;
}
