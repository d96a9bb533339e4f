import { isHealthy } from '../run/health-wait';
import { formatStatusTable } from '../run/status-table';
import { readStackState } from '../run/stack-state-file';

export async function runStatusCommand(): Promise<number> {
  const state = readStackState();
  if (state === null) {
    process.stdout.write('No native stack is running (no .run/stack.json). Start one with `npm start`.\n');
    return 1;
  }
  const rows = await Promise.all(
    state.components.map(async (c) => ({
      name: c.name,
      url: c.url,
      state: (await isHealthy(c.healthUrl)) ? `healthy (pid ${c.pid})` : `NOT answering ${c.healthUrl} (log: ${c.logFile})`,
    })),
  );
  rows.push(...state.skipped.map((s) => ({ name: s.name, url: '-', state: s.reason })));
  process.stdout.write(`started ${state.startedAt} by pid ${state.runnerPid}\n${formatStatusTable(rows)}\n`);
  return rows.every((row) => row.state.startsWith('healthy') || row.url === '-') ? 0 : 1;
}
