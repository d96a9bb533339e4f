// `weaver registry check` on the demo's own registry (semconv/model), resolved
// together with its dependency, the OpenTelemetry conventions v1.44.0 at
// ../shared/semconv/model. Skipped, with a message, when there is no Weaver.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { REGISTRY_DIR, repoRoot } from '../src/registry';
import { weaverBinary, weaverSkipReason } from '../src/weaver';

const weaver = weaverBinary();

it('weaver registry check passes on semconv/model', { skip: weaver ? false : weaverSkipReason() }, () => {
  const result = spawnSync(weaver!, ['registry', 'check', '-r', REGISTRY_DIR], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, `weaver registry check failed:\n${output}`);
  assert.match(output, /Found registry manifest: \.\.\/shared\/semconv\/model\/manifest\.yaml/, 'the dependency resolved from the local conventions');
  assert.match(output, /No `after_resolution` policy violation/);
});
