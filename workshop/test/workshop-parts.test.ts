import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXERCISES } from '../src/preflight/exercises';
import { formatPreflightTable, parsePreflightArgs } from '../src/preflight/run-preflight';
import { readTargets } from '../src/targets';
import { formatProgress } from '../src/traffic/progress-line';
import { REQUEST_CYCLE } from '../src/traffic/request-mix';
import { parseTrafficArgs } from '../src/traffic/run-traffic';
import { SCENARIO_NAMES } from '@o11y-demo/scenarios';

describe('targets', () => {
  it('defaults to the native stack on this machine', () => {
    assert.deepEqual(readTargets({}), { nodeApi: 'http://127.0.0.1:8001', frontend: 'http://localhost:3001', chromium: '/usr/bin/chromium' });
  });

  it('refuses anything but this machine, naming the variable', () => {
    assert.throws(() => readTargets({ WORKSHOP_NODE_API_URL: 'http://example.com:8001' }), /WORKSHOP_NODE_API_URL must point at this machine/);
    assert.throws(() => readTargets({ WORKSHOP_FRONTEND_URL: 'ftp://localhost' }), /WORKSHOP_FRONTEND_URL must be an http URL/);
    assert.equal(readTargets({ WORKSHOP_NODE_API_URL: 'http://[::1]:8001/' }).nodeApi, 'http://[::1]:8001');
  });
});

describe('traffic arguments', () => {
  it('has bounded defaults', () => {
    assert.deepEqual(parseTrafficArgs([]), { rate: 10, browsers: 2, durationS: 600, requests: undefined });
    assert.equal((parseTrafficArgs(['--duration', '90s']) as { durationS: number }).durationS, 90);
    assert.equal((parseTrafficArgs(['--duration', '1h']) as { durationS: number }).durationS, 3600);
  });

  it('says what is wrong with a bad value', () => {
    assert.throws(() => parseTrafficArgs(['--duration', 'forever']), /--duration takes seconds/);
    assert.throws(() => parseTrafficArgs(['--duration', '9h']), /at most 8h/);
    assert.throws(() => parseTrafficArgs(['--rate', '0']), /--rate must be 0.2-200/);
    assert.throws(() => parseTrafficArgs(['--browsers', '20']), /at most 8/);
  });

  it('mixes 85 % reads, 10 % slow reads and 5 % failures', () => {
    const share = (path: string) => REQUEST_CYCLE.filter((p) => p === path).length / REQUEST_CYCLE.length;
    assert.equal(share('/data'), 0.85);
    assert.equal(share('/data?delayMs=250'), 0.1);
    assert.equal(share('/error'), 0.05);
  });

  it('shows rate, errors and scenarios on the progress line', () => {
    const line = formatProgress(
      161_000,
      { sent: 1610, errors: 3, plannedErrors: 81 },
      10,
      { sessions: 2, pageViews: 8, clicks: 57, failures: 0 },
      ['slow-query'],
    );
    assert.equal(line, '02:41  http 10.0 req/s  1610 sent  3 errors (+81 planned /error)  browsers 2: 57 clicks  scenarios: slow-query');
    assert.match(formatProgress(0, { sent: 0, errors: 0, plannedErrors: 0 }, 0, { sessions: 0, pageViews: 0, clicks: 0, failures: 0 }, undefined), /node-api not answering/);
  });
});

describe('preflight', () => {
  it('has an exercise for every scenario, plus the warm-up', () => {
    const covered = new Set(EXERCISES.flatMap((e) => (e.scenario === undefined ? [] : [e.scenario])));
    assert.deepEqual([...covered].sort(), [...SCENARIO_NAMES].sort());
    assert.ok(EXERCISES.length >= 7);
  });

  it('rejects unknown exercises and odd deadlines', () => {
    assert.throws(() => parsePreflightArgs(['--only', 'slow-qeury']), /unknown exercise slow-qeury/);
    assert.throws(() => parsePreflightArgs(['--deadline-seconds', '1']), /5 to 600/);
    assert.deepEqual(parsePreflightArgs(['--only', 'n-plus-one']), { only: ['n-plus-one'], deadlineMs: 30_000 });
  });

  it('prints a pass/fail table with timings', () => {
    const table = formatPreflightTable([
      { exercise: EXERCISES[1]!, passed: true, seconds: 21.4, detail: '5/15 slow' },
      { exercise: EXERCISES[2]!, passed: false, seconds: 30.2, detail: 'no worker ERROR' },
    ]);
    assert.match(table, /^PASS {2}slow-query +slow-query +21\.4 s +5\/15 slow$/m);
    assert.match(table, /^FAIL {2}flaky-worker/m);
    assert.match(table, /1\/2 exercises ready in 52 s/);
  });
});
