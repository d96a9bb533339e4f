import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { after, test } from 'node:test';
import { sampleWholeStack } from '../src/bench/process-memory';
import { withDescendants } from '../src/run/process-tree';

const started: ChildProcess[] = [];
after(() => {
  for (const child of started) child.kill('SIGKILL');
});

function startProcess(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  started.push(child);
  return child;
}

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('everything npm start runs: npm and its shell above the supervisor, each component with its children', async () => {
  // `npm start` rebuilt from real processes: a Node process titled like npm, the shell it
  // runs the script in (the trailing `true` keeps sh from exec-ing), the supervisor below.
  const keepAlive = 'setInterval(() => {}, 1000)';
  const npm = startProcess([
    '-e',
    `process.title = 'npm start'; require('node:child_process').spawn('sh', ['-c', '"$0" -e "${keepAlive}"; true', process.execPath], { stdio: 'ignore' }); ${keepAlive}`,
  ]);
  // Until the shell's child has exec'd node it is a copy of the shell.
  const isNode = (pid: number) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/exe`) === fs.realpathSync(process.execPath);
    } catch {
      return false;
    }
  };
  const [, , supervisor] = await waitFor('npm -> sh -> supervisor', () => {
    const chain = withDescendants([npm.pid!]);
    return chain.length === 3 && isNode(chain[2]!) ? chain : undefined;
  });
  const component = startProcess(['-e', keepAlive]);

  // Each group is a started Node process (tens of MiB resident) once node has set itself up.
  const sample = await waitFor('three Node processes to be resident', () => {
    const taken = sampleWholeStack(supervisor!, [{ name: 'worker', pid: component.pid! }]);
    return [...taken.byProcess.values()].every((bytes) => bytes > 10 * 1024 ** 2) ? taken : undefined;
  });
  assert.deepEqual([...sample.byProcess.keys()], ['npm', 'supervisor', 'worker']);
  assert.equal(sample.residentBytes, [...sample.byProcess.values()].reduce((a, b) => a + b, 0));
  // Four Node processes share the node binary's code: PSS counts it once, RSS four times.
  assert.ok(sample.proportionalBytes > 0 && sample.proportionalBytes < sample.residentBytes, `PSS ${sample.proportionalBytes} vs RSS ${sample.residentBytes}`);
});

test('a supervisor started from a terminal has no npm above it', async () => {
  const supervisor = startProcess(['-e', 'setInterval(() => {}, 1000)']);
  await waitFor('the process', () => (withDescendants([supervisor.pid!]).length === 1 ? true : undefined));
  const sample = sampleWholeStack(supervisor.pid!, []);
  assert.deepEqual([...sample.byProcess.keys()], ['supervisor']);
});
