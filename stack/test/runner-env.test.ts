import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStackEnv } from '../src/env';

describe('parseStackEnv', () => {
  it('defaults everything when nothing is set', () => {
    const env = parseStackEnv({});
    assert.equal(env.TEMPO_BIN, undefined);
    assert.equal(env.QUICKWIT_BIN, undefined);
    assert.equal(env.STACK_HEALTH_TIMEOUT_S, 120);
  });

  it('treats an empty or blank variable as unset, as shells produce with FOO= npm start', () => {
    const env = parseStackEnv({ TEMPO_BIN: '', OTELCOL_BIN: '   ' });
    assert.equal(env.TEMPO_BIN, undefined);
    assert.equal(env.OTELCOL_BIN, undefined);
  });

  it('keeps given binary paths', () => {
    const env = parseStackEnv({ PROMETHEUS_BIN: '/opt/prom/prometheus', O11Y_DEMO_CACHE: '/tmp/cache' });
    assert.equal(env.PROMETHEUS_BIN, '/opt/prom/prometheus');
    assert.equal(env.O11Y_DEMO_CACHE, '/tmp/cache');
  });

  it('requires GRAFANA_HOME with GRAFANA_BIN and says so', () => {
    assert.throws(() => parseStackEnv({ GRAFANA_BIN: '/opt/grafana/bin/grafana' }), /GRAFANA_HOME/);
    const env = parseStackEnv({ GRAFANA_BIN: '/opt/grafana/bin/grafana', GRAFANA_HOME: '/opt/grafana' });
    assert.equal(env.GRAFANA_HOME, '/opt/grafana');
  });

  it('names the variable when a number is invalid', () => {
    assert.throws(() => parseStackEnv({ STACK_HEALTH_TIMEOUT_S: 'soon' }), /STACK_HEALTH_TIMEOUT_S/);
    assert.equal(parseStackEnv({ STACK_HEALTH_TIMEOUT_S: '30' }).STACK_HEALTH_TIMEOUT_S, 30);
  });
});
