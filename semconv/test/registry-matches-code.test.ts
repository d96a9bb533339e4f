// The demo's own names are written in two places, the code and the registry
// (semconv/model); these checks keep them equal in both directions, so a name
// added, renamed or dropped on one side fails here until the other follows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeWritesSpanName, demoNames, metricNames, readSources, spanNames } from '../src/code-names';
import { readOwnNames, repoRoot } from '../src/registry';

const own = readOwnNames();
const sources = readSources();
const notIn = (names: { name: string; path: string }[], registered: Set<string>): string[] =>
  [...new Set(names.filter(({ name }) => !registered.has(name)).map(({ name, path }) => `${name} (${path})`))].sort();

describe('the registry and the code name the same things', () => {
  it('every demo.* name in the code is a registered attribute or metric', () => {
    const found = demoNames(sources);
    assert.ok(found.length >= 20, `the scan finds the code's demo.* names (found ${found.length})`);
    assert.deepEqual(notIn(found, new Set([...own.attributes, ...own.metrics])), [], 'register these in semconv/model, or rename them');
  });

  it('every registered attribute is written by the code', () => {
    const written = new Set(demoNames(sources).map(({ name }) => name));
    const unused = [...own.attributes].filter((name) => !written.has(name));
    assert.deepEqual(unused, [], 'registered but written nowhere: drop them from semconv/model');
  });

  it('every instrument the code creates in its own namespaces is registered, and every registered metric is made', () => {
    // Instruments with the conventions' names (http.server.request.duration) are judged by the live check.
    const created = metricNames(sources);
    const ownNamespaces = created.filter(({ name }) => /^(demo|rum)\./.test(name));
    assert.ok(ownNamespaces.length >= 2, 'the scan finds the business counters');
    assert.deepEqual(notIn(ownNamespaces, own.metrics), [], 'register these metrics in semconv/model/metrics.yaml');
    // The rum.* metrics are made by the collector's signal_to_metrics connector from the browser's events.
    const collectorConfig = readFileSync(join(repoRoot, 'collector', 'config.yaml'), 'utf8');
    const made = new Set([...created.map(({ name }) => name), ...[...collectorConfig.matchAll(/- name: (rum\.[a-z_.]+)/g)].map((m) => m[1] ?? '')]);
    assert.deepEqual([...own.metrics].filter((name) => !made.has(name)), [], 'registered metrics nothing makes');
  });

  it('every span the code names is registered, and every registered span name is written by the code', () => {
    const started = spanNames(sources);
    assert.ok(started.length >= 5, `the scan finds the code's spans (found ${started.length})`);
    assert.deepEqual(notIn(started, own.spans), [], 'register these span names in semconv/model/spans.yaml');
    assert.deepEqual([...own.spans].filter((name) => !codeWritesSpanName(sources, name)), [], 'registered span names the code never writes');
  });
});
