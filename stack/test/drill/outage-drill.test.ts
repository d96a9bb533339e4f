// The outage drill's short form (`npm run drill` runs the long one): the real
// native stack, 10 s faults, and zero loss asserted step by step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drill } from '../../src/drill/run-drill';
import { NO_LOSS_STEPS } from '../../src/drill/drill-steps';
import { isStackRunning } from '../../src/stack';

test('outage drill: every trace and log line arrives and the apps answer every request', { timeout: 15 * 60_000 }, async (t) => {
  if (await isStackRunning()) {
    t.skip('a demo is already running on the fixed ports; the drill starts and owns its own stack (stop the demo to include this test)');
    return;
  }
  const results = await drill(
    { outageSeconds: 10, rate: 5, steps: NO_LOSS_STEPS.map((s) => s.id), profile: 'test' },
    (text) => text.split('\n').forEach((line) => t.diagnostic(line)),
  );
  assert.equal(results.length, NO_LOSS_STEPS.length);
  for (const r of results) {
    assert.ok(r.tracesSent > 0, `${r.step.title}: no request was counted`);
    assert.equal(r.appErrors, 0, `${r.step.title}: ${r.appErrors} of ${r.requests} requests did not answer 2xx`);
    assert.equal(r.tracesArrived, r.tracesSent, `${r.step.title}: ${r.tracesSent - r.tracesArrived} traces lost (${[...r.missingParts].join('; ')})`);
    assert.equal(r.logLinesArrived, r.logLinesSent, `${r.step.title}: ${r.logLinesSent - r.logLinesArrived} log lines lost (${[...r.missingParts].join('; ')})`);
  }
});
