import { removeStackState, readStackState } from '../run/stack-state-file';
import { signalProcessGroup } from '../run/supervised-process';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!pids.some(isAlive)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return !pids.some(isAlive);
}

/**
 * Stops a stack started in another terminal. Asking its runner to stop keeps
 * the careful order (apps, collector, backends); only when the runner is gone
 * (killed hard) do we signal the orphaned process groups ourselves.
 */
export async function runStopCommand(): Promise<number> {
  const state = readStackState();
  if (state === null) {
    process.stdout.write('No native stack is running (no .run/stack.json).\n');
    return 0;
  }
  const childPids = state.components.map((c) => c.pid);
  if (isAlive(state.runnerPid)) {
    process.kill(state.runnerPid, 'SIGTERM');
    if (await waitUntilGone([state.runnerPid, ...childPids], 40_000)) {
      process.stdout.write('Stopped.\n');
      return 0;
    }
  }
  const stopOrder = ['frontend', 'node-api', 'worker', 'collector'];
  const ordered = [...state.components].sort((a, b) => rank(a.name) - rank(b.name));
  function rank(name: string): number {
    const index = stopOrder.indexOf(name);
    return index === -1 ? stopOrder.length : index;
  }
  for (const component of ordered) {
    signalProcessGroup(component.pid, 'SIGTERM');
    if (!(await waitUntilGone([component.pid], 10_000))) signalProcessGroup(component.pid, 'SIGKILL');
  }
  for (const component of ordered) signalProcessGroup(component.pid, 'SIGKILL');
  removeStackState();
  process.stdout.write(`Stopped ${ordered.map((c) => c.name).join(', ')} (the runner was gone).\n`);
  return 0;
}
