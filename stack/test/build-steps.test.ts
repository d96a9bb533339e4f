import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { BuildTimes } from '../src/build/build-times';
import { runBuildSteps, type BuildStep } from '../src/build/build-steps';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'o11y-demo-build-steps-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function timesIn(name: string, previous?: Record<string, number>, reference: Record<string, number> = {}): { times: BuildTimes; file: string } {
  const file = path.join(scratch, `${name}.json`);
  const referenceFile = path.join(scratch, `${name}.reference.json`);
  if (previous !== undefined) fs.writeFileSync(file, JSON.stringify({ seconds: previous }));
  fs.writeFileSync(referenceFile, JSON.stringify({ seconds: reference }));
  return { times: new BuildTimes(file, referenceFile), file };
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Steps that log when each phase starts and ends, taking `ms` per phase. */
function loggingSteps(names: string[], events: string[], { ms = 30, failCompile }: { ms?: number; failCompile?: string } = {}): BuildStep[] {
  return names.map((name) => ({
    name,
    title: name,
    logFile: path.join(scratch, `build-${name}.log`),
    fetch: async () => {
      events.push(`fetch ${name} start`);
      await tick(ms);
      events.push(`fetch ${name} end`);
    },
    compile: async () => {
      events.push(`compile ${name} start`);
      await tick(ms);
      if (name === failCompile) throw new Error(`${name} does not compile`);
      events.push(`compile ${name} end`);
    },
  }));
}

describe('build steps', () => {
  it("downloads the next step's modules while the current one compiles", async () => {
    const events: string[] = [];
    await runBuildSteps(loggingSteps(['a', 'b', 'c'], events), timesIn('overlap').times, () => undefined);
    const at = (event: string): number => events.indexOf(event);
    assert.ok(at('fetch b start') < at('compile a end'), events.join(', '));
    assert.ok(at('fetch c start') < at('compile b end'), events.join(', '));
    assert.ok(at('fetch b end') < at('compile b start'), 'a step compiles only after its own downloads');
  });

  it('never runs two compiles at once', async () => {
    const events: string[] = [];
    await runBuildSteps(loggingSteps(['a', 'b', 'c'], events, { ms: 10 }), timesIn('serial').times, () => undefined);
    let running = 0;
    for (const event of events.filter((e) => e.startsWith('compile'))) {
      running += event.endsWith('start') ? 1 : -1;
      assert.ok(running <= 1, events.join(', '));
    }
  });

  it('stops at the first failure, or keeps going and reports every failure', async () => {
    const stopped: string[] = [];
    const failures = await runBuildSteps(loggingSteps(['a', 'b', 'c'], stopped, { ms: 5, failCompile: 'b' }), timesIn('stop').times, () => undefined);
    assert.deepEqual(failures.map((f) => f.step.name), ['b']);
    assert.ok(!stopped.includes('compile c start'));

    const kept: string[] = [];
    const all = await runBuildSteps(loggingSteps(['a', 'b', 'c'], kept, { ms: 5, failCompile: 'b' }), timesIn('keep').times, () => undefined, { keepGoing: true });
    assert.deepEqual(all.map((f) => f.step.name), ['b']);
    assert.ok(kept.includes('compile c end'));
  });

  it('prints one line per step with what is left, estimated from the previous run, else the reference', async () => {
    const lines: string[] = [];
    const { times, file } = timesIn('estimate', { a: 120 }, { a: 999, b: 60, c: 30 });
    await runBuildSteps(loggingSteps(['a', 'b', 'c'], [], { ms: 5 }), times, (line) => lines.push(line));
    assert.match(lines[0] ?? '', /^3 steps to build: a, b, c; about 3 min 30 s \(estimated from previous run and reference times\)/);
    assert.match(lines[1] ?? '', /^\[1\/3\] a: done in 0 s; \d+ (min \d+ )?s since start, about 1 min 30 s left; log: /);
    assert.match(lines[3] ?? '', /^\[3\/3\] c: done in 0 s; .* nothing left to build/);
    assert.equal(lines.length, 4);
    const recorded = JSON.parse(fs.readFileSync(file, 'utf8')) as { seconds: Record<string, number> };
    assert.deepEqual(Object.keys(recorded.seconds), ['a', 'b', 'c'], 'each step recorded for the next estimate');
  });
});
