// The workshop preflight's short form, in `npm test`: every exercise against a
// real native stack (the one running, or one started here with the test profile).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStackRunning, startStack, type RunningStack } from '@o11y-demo/stack';
import { formatPreflightTable, runPreflight } from '../src/preflight/run-preflight';
import { EXERCISES } from '../src/preflight/exercises';

test('workshop preflight: every exercise finds the telemetry it relies on', { timeout: 10 * 60_000 }, async (t) => {
  let stack: RunningStack | undefined;
  if (await isStackRunning()) t.diagnostic('using the demo already running');
  else stack = await startStack({ profile: 'test', echoChildOutput: false, onProgress: (m) => t.diagnostic(`[stack] ${m}`) });
  try {
    const results = await runPreflight({ only: EXERCISES.map((e) => e.id), deadlineMs: 30_000 }, (text) => text.split('\n').forEach((line) => t.diagnostic(line)));
    formatPreflightTable(results).split('\n').forEach((line) => t.diagnostic(line));
    for (const r of results) assert.ok(r.passed, `${r.exercise.id}: ${r.detail}`);
  } finally {
    await stack?.stop();
  }
});
