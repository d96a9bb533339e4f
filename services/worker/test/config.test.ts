import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config';

it('defaults to 127.0.0.1:8002 without fault injection; empty values count as unset', () => {
  assert.deepEqual(loadConfig({ PORT: '' }), { host: '127.0.0.1', port: 8002, defaultDelayMs: 0, defaultFailRate: 0 });
});

it('reads every variable', () => {
  assert.deepEqual(loadConfig({ HOST: '0.0.0.0', PORT: '9000', DEFAULT_DELAY_MS: '250', DEFAULT_FAIL_RATE: '0.1' }), {
    host: '0.0.0.0',
    port: 9000,
    defaultDelayMs: 250,
    defaultFailRate: 0.1,
  });
});

it('reports every bad variable by name, with the accepted values and what was given', () => {
  assert.throws(
    () => loadConfig({ PORT: '70000', DEFAULT_FAIL_RATE: 'sometimes' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /PORT: PORT must be between 0 and 65535 \(got "70000"\)/);
      assert.match(error.message, /DEFAULT_FAIL_RATE: DEFAULT_FAIL_RATE must be a number \(got "sometimes"\)/);
      return true;
    },
  );
});
