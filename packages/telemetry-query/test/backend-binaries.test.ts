import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendBinary } from '../testing/backend-binaries';

describe('backendBinary (the integration tests fail, never skip, without a binary)', () => {
  it('takes the variable when it names an executable', () => {
    assert.equal(backendBinary('jaeger', { JAEGER_BIN: process.execPath }), process.execPath);
  });

  it('rejects a variable that names no executable', () => {
    assert.throws(() => backendBinary('victorialogs', { VICTORIALOGS_BIN: '/nonexistent/victoria-logs' }), /VICTORIALOGS_BIN=\/nonexistent\/victoria-logs is not an executable file/);
  });

  it('says how to build a missing binary', () => {
    assert.throws(
      () => backendBinary('jaeger', {}),
      /No Jaeger v2\.12\.0 binary: JAEGER_BIN is not set\.\nBuild it with `npm run stack -- build`.*JAEGER_BIN=<that path>/s,
    );
  });
});
