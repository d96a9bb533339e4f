import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheEntryName, cachedBinariesPresent, fillCacheEntry, manifestHash } from '../src/build/binary-cache';
import * as yaml from 'yaml';
import { collectorCacheEntry, pinsForManifest, readCollectorManifest } from '../src/build/collector-build';

describe('binary cache keys', () => {
  it('names entries <component>-<version>[-<manifest hash>]', () => {
    assert.equal(cacheEntryName('prometheus', 'v0.314.0'), 'prometheus-v0.314.0');
    assert.equal(cacheEntryName('otelcol', 'v0.159.0', 'abc123'), 'otelcol-v0.159.0-abc123');
    assert.equal(cacheEntryName('victoria-logs', 'v1.52.1', 'abc123'), 'victoria-logs-v1.52.1-abc123');
  });

  it('keeps path separators out of the entry name', () => {
    assert.equal(cacheEntryName('x', 'v1/../../etc'), 'x-v1_.._.._etc');
  });

  it('hashes manifests stably, ignoring CRLF vs LF', () => {
    const manifest = 'dist:\n  name: otelcol-o11y-demo\n';
    assert.equal(manifestHash(manifest), manifestHash(manifest.replace(/\n/g, '\r\n')));
    assert.match(manifestHash(manifest), /^[0-9a-f]{12}$/);
    assert.notEqual(manifestHash(manifest), manifestHash(`${manifest}receivers: []\n`));
  });

  it('gives a changed collector manifest a new cache entry', () => {
    const base = { file: 'm.yaml', binaryName: 'otelcol-o11y-demo', modules: [] };
    const one = collectorCacheEntry('/cache/bin', { ...base, text: 'a: 1\n' });
    const two = collectorCacheEntry('/cache/bin', { ...base, text: 'a: 2\n' });
    assert.notEqual(one, two);
    assert.match(one, /^\/cache\/bin\/otelcol-v0\.159\.0-[0-9a-f]{12}$/);
  });
});

describe('fillCacheEntry', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-cache-test-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('publishes the entry only after the build succeeded', async () => {
    const entry = path.join(root, 'ok');
    await fillCacheEntry(entry, (scratch) => {
      fs.writeFileSync(path.join(scratch, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
      assert.equal(fs.existsSync(entry), false);
      return Promise.resolve();
    });
    assert.equal(cachedBinariesPresent(entry, ['tool']), true);
  });

  it('leaves nothing behind when the build fails', async () => {
    const entry = path.join(root, 'failed');
    await assert.rejects(
      fillCacheEntry(entry, (scratch) => {
        fs.writeFileSync(path.join(scratch, 'tool'), 'half', { mode: 0o755 });
        return Promise.reject(new Error('compiler exploded'));
      }),
      /compiler exploded/,
    );
    assert.deepEqual(fs.readdirSync(root).sort(), ['ok']);
  });
});

describe('collector manifest', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-manifest-test-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the binary name and every gomod entry, and picks the checksum pins that apply', () => {
    const file = path.join(dir, 'builder-config.yaml');
    fs.writeFileSync(
      file,
      yaml.stringify({
        dist: { name: 'otelcol-test', output_path: '/tmp/x' },
        receivers: [{ gomod: 'go.opentelemetry.io/collector/receiver/otlpreceiver v0.159.0' }],
        connectors: [{ gomod: 'example.com/a v1.0.0' }, { gomod: 'example.com/b v2.0.0' }],
      }),
    );
    const manifest = readCollectorManifest(file);
    assert.equal(manifest.binaryName, 'otelcol-test');
    assert.deepEqual(manifest.modules, [
      ['go.opentelemetry.io/collector/receiver/otlpreceiver', 'v0.159.0'],
      ['example.com/a', 'v1.0.0'],
      ['example.com/b', 'v2.0.0'],
    ]);
    const pins = [
      { module: 'example.com/a', version: 'v1.0.0', sum: 'h1:a' },
      { module: 'example.com/b', version: 'v1.9.0', sum: 'h1:b' },
    ];
    assert.deepEqual(pinsForManifest(manifest, pins), [pins[0]]);
  });
});
