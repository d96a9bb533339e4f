import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseStackEnv } from '../src/env';
import { manifestHash } from '../src/build/binary-cache';
import { planPrometheusUi } from '../src/build/prometheus-ui-build';
import { PROMETHEUS } from '../src/versions';

describe("Prometheus's web UI cache entry", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'prometheus-ui-cache-test-'));
  after(() => fs.rmSync(cache, { recursive: true, force: true }));
  const env = parseStackEnv({ O11Y_DEMO_CACHE: cache });
  const patch = fs.readFileSync(path.join(__dirname, '..', '..', 'prometheus', 'build', 'ui-show-exemplars.patch'), 'utf8');
  const entry = path.join(cache, 'bin', `prometheus-ui-${PROMETHEUS.version}-${manifestHash(patch)}`);

  it('is its own entry, keyed by the Prometheus version and the UI patch, and a build step while it has no index.html', () => {
    fs.mkdirSync(path.join(entry, 'static', 'mantine-ui'), { recursive: true });
    const planned = planPrometheusUi(env);
    assert.equal(planned.value.prometheusUi.path, entry);
    assert.equal(planned.value.prometheusUi.source, 'built');
    assert.equal(planned.step?.name, 'prometheus-ui', 'the step name build-times.reference.json records');
  });

  it('is taken from the cache, with no step, once static/mantine-ui/index.html is there', () => {
    fs.writeFileSync(path.join(entry, 'static', 'mantine-ui', 'index.html'), '<!doctype html>');
    const planned = planPrometheusUi(env);
    assert.deepEqual(planned.value.prometheusUi, { path: entry, source: 'cache' });
    assert.equal(planned.step, undefined);
  });

  it('is planned also when PROMETHEUS_BIN is set (npm test passes the stack\'s own build that way)', () => {
    const planned = planPrometheusUi(parseStackEnv({ O11Y_DEMO_CACHE: cache, PROMETHEUS_BIN: '/usr/bin/true' }));
    assert.equal(planned.value.prometheusUi.path, entry);
  });
});
