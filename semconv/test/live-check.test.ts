// Weaver's `registry live-check` on what the demo really sends: the worker,
// node-api and the page's server, and Chromium clicking the page's five
// buttons, all through the project's own collector binary (its config, with
// semconv/live-check/collector.yaml layered over it to send everything to
// Weaver). Fails on any violation from the demo's own names; prints the
// counts by level and by upstream source. Runs on free ports, beside a
// running `npm start`. Skipped, with a message, when there is no Weaver.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@o11y-demo/stack/test/support/processes';
import { after, it } from 'node:test';
import { findingsOf } from '../src/live-check/findings';
import { clickTheFiveButtons, startDemo, type DemoRun } from '../src/live-check/demo-run';
import { formatSummary, summarise } from '../src/live-check/summary';
import { startWeaverLiveCheck, type WeaverLiveCheck } from '../src/live-check/weaver-live-check';
import { readOwnNames } from '../src/registry';
import { weaverBinary, weaverSkipReason } from '../src/weaver';

const weaver = weaverBinary();
const workDir = mkdtempSync(join(tmpdir(), 'semconv-live-check-'));
let check: WeaverLiveCheck | undefined;
let demo: DemoRun | undefined;

after(async () => {
  await demo?.stop();
  check?.kill();
  rmSync(workDir, { recursive: true, force: true });
});

it('what the apps and the browser send has no violation from the demo\'s own names', { skip: weaver ? false : weaverSkipReason(), timeout: 300_000 }, async () => {
  const [otlpGrpcPort, adminPort] = await Promise.all([freePort(), freePort()]);
  check = await startWeaverLiveCheck(weaver!, { otlpGrpcPort, adminPort, outputDir: join(workDir, 'report') });
  const started = await startDemo(otlpGrpcPort, join(workDir, 'queue'));
  demo = started;
  await clickTheFiveButtons(started.frontendUrl);
  // Stopping flushes: the apps' SDKs on SIGTERM, then the collector's pipelines.
  await started.stop();
  demo = undefined;
  const report = await check.finish();
  check = undefined;

  const summary = summarise(report, findingsOf(report), readOwnNames());
  console.log(formatSummary(summary));

  const sent = JSON.stringify(report.samples);
  for (const expected of ['frontend-web', 'node-api', 'worker', 'browser.web_vital', 'demo.items.served', 'rum.web_vital', 'SELECT inventory', 'demo: unhandled rejection']) {
    assert.ok(sent.includes(`"${expected}"`), `the samples include ${expected}: something did not arrive\n${started.output()}`);
  }
  const ownViolations = summary.own.filter((finding) => finding.level === 'violation');
  assert.deepEqual(
    [...new Set(ownViolations.map((finding) => `${finding.message} (${finding.service}, ${finding.scope || 'resource'}${finding.signal ? `, ${finding.signal.kind} ${finding.signal.name}` : ''})`))],
    [],
    "violations from the demo's own names: fix the code, or register the name in semconv/model",
  );
});
