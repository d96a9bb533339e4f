import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFaults, InjectedFailure, parseFaultQuery } from '../src/index';

const DEFAULTS = { delayMs: 7, failRate: 0.25 };

describe('parseFaultQuery', () => {
  it('takes the defaults for parameters left out', () => {
    assert.deepEqual(parseFaultQuery({}, DEFAULTS), { ok: true, settings: DEFAULTS });
  });

  it('accepts the bounds of both ranges', () => {
    assert.deepEqual(parseFaultQuery({ delayMs: '10000', failRate: '1' }, DEFAULTS), { ok: true, settings: { delayMs: 10000, failRate: 1 } });
    assert.deepEqual(parseFaultQuery({ delayMs: '0', failRate: '0.0' }, DEFAULTS), { ok: true, settings: { delayMs: 0, failRate: 0 } });
    assert.deepEqual(parseFaultQuery({ failRate: '.5' }, DEFAULTS), { ok: true, settings: { delayMs: 7, failRate: 0.5 } });
  });

  for (const [query, parameter] of [
    [{ delayMs: '10001' }, 'delayMs'],
    [{ delayMs: '-1' }, 'delayMs'],
    [{ delayMs: '1e3' }, 'delayMs'],
    [{ delayMs: ' 5' }, 'delayMs'],
    [{ delayMs: ['1', '2'] }, 'delayMs'],
    [{ failRate: '1.01' }, 'failRate'],
    [{ failRate: '0x1' }, 'failRate'],
    [{ failRate: '' }, 'failRate'],
  ] as const) {
    it(`rejects ${JSON.stringify(query)} naming ${parameter} and its range`, () => {
      const result = parseFaultQuery(query, DEFAULTS);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.parameter, parameter);
      assert.match(result.message, parameter === 'delayMs' ? /^delayMs .* from 0 to 10000$/ : /^failRate .* from 0 to 1$/);
    });
  }
});

describe('applyFaults', () => {
  it('fails when the draw is below failRate and not otherwise', async () => {
    await assert.rejects(applyFaults({ delayMs: 0, failRate: 0.5 }, () => 0.49), InjectedFailure);
    await applyFaults({ delayMs: 0, failRate: 0.5 }, () => 0.5);
    await applyFaults({ delayMs: 0, failRate: 0 }, () => 0);
  });

  it('waits for delayMs', async () => {
    const started = performance.now();
    await applyFaults({ delayMs: 40, failRate: 0 });
    assert.ok(performance.now() - started >= 39);
  });
});
