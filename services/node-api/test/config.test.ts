import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config';

it('defaults match the architecture contract', () => {
  assert.deepEqual(loadConfig({}), {
    host: '127.0.0.1',
    port: 8001,
    workerUrl: 'http://127.0.0.1:8002',
    corsOrigins: ['http://localhost:3001', 'http://127.0.0.1:3001'],
    defaultDelayMs: 0,
    defaultFailRate: 0,
  });
});

it('trims CORS_ORIGINS entries and the WORKER_URL trailing slash', () => {
  const config = loadConfig({ CORS_ORIGINS: ' http://a.test:3001 , https://b.test ,', WORKER_URL: 'http://worker:8002/' });
  assert.deepEqual(config.corsOrigins, ['http://a.test:3001', 'https://b.test']);
  assert.equal(config.workerUrl, 'http://worker:8002');
});

it('names each bad variable', () => {
  assert.throws(
    () => loadConfig({ WORKER_URL: 'ftp://worker', DEFAULT_DELAY_MS: '10001' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /WORKER_URL: WORKER_URL must be an http\(s\) URL/);
      assert.match(error.message, /DEFAULT_DELAY_MS: DEFAULT_DELAY_MS must be between 0 and 10000 \(got "10001"\)/);
      return true;
    },
  );
});
