import { expect, test } from '@playwright/test';
import { describeSocket, exposedSockets, isProcessAlive, listComponentSockets, readStackState } from '@o11y-demo/stack';

/**
 * "Every port is bound to 127.0.0.1" (README), checked on the running
 * processes rather than in the configs: every listening TCP socket of every
 * component of the native stack, and of every process a component started
 * (next start's workers, ...), must be on loopback. A component that binds
 * 0.0.0.0 or :: is reachable from the whole network, telemetry ingest and
 * data stores included.
 *
 * Native only: the component pids come from .run/stack.json, which the
 * native stack writes. Under docker compose the processes bind 0.0.0.0
 * inside their containers and compose publishes the ports on 127.0.0.1,
 * which docker-compose.yml and its config check cover.
 */

test('every listening socket of the native stack is bound to loopback', () => {
  test.skip(process.platform !== 'linux', 'the exposure check reads /proc, which only Linux has');
  const state = readStackState();
  if (state === null) {
    test.skip(true, 'native-only check: no .run/stack.json, so the demo under test is not the native stack (docker compose publishes its ports on 127.0.0.1 itself)');
    return;
  }
  if (!isProcessAlive(state.runnerPid)) {
    test.skip(true, `native-only check: .run/stack.json is left over from a stack that is gone (runner pid ${state.runnerPid}), so the demo under test is not the native stack`);
    return;
  }

  const sockets = listComponentSockets(state.components);
  for (const socket of sockets) test.info().annotations.push({ type: 'socket', description: describeSocket(socket) });

  // Every component serves at least one port. A component with none seen means
  // its sockets could not be read, and "nothing exposed" would prove nothing.
  const unseen = state.components.filter((c) => !sockets.some((s) => s.component === c.name)).map((c) => `${c.name} (pid ${c.pid})`);
  expect(unseen, 'components without any listening socket found in /proc').toEqual([]);

  expect(exposedSockets(sockets).map(describeSocket), 'sockets bound to an address other than loopback (127.0.0.1 / ::1)').toEqual([]);
});
