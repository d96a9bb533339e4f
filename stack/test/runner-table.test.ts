import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatStatusTable } from '../src/run/status-table';

describe('formatStatusTable', () => {
  it('aligns columns under a header and leaves no trailing spaces', () => {
    const table = formatStatusTable([
      { name: 'tempo', url: 'http://localhost:3200', state: 'healthy' },
      { name: 'node-api', url: 'http://localhost:8001', state: 'healthy' },
      { name: 'quickwit', url: '-', state: 'not running (set QUICKWIT_BIN)' },
    ]);
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[0], 'NAME      URL                    STATE');
    assert.equal(lines[1], 'tempo     http://localhost:3200  healthy');
    assert.equal(lines[3], 'quickwit  -                      not running (set QUICKWIT_BIN)');
    for (const line of lines) assert.equal(line, line.trimEnd());
  });
});
