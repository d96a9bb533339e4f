// The Jaeger the native stack builds (jaeger/build/memory-store-only.patch on
// the verified module) has exactly the components jaeger/config.yaml runs,
// as the binary itself reports them (`jaeger components`), and the config
// asks for no trace store but the memory one the patch keeps. A component
// added to the config and not to the patch, or left in the patch after the
// config stops using it, fails here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { requireBinary } from './support/backend-binary';
import { KINDS, usedTypes, type Kind } from './support/pipeline-components';
import { root } from './support/processes';

type Listing = Partial<Record<Kind, Array<{ name: string }>>>;

/** `kind name` of every component built and not used, and used but not built. */
function componentDifferences(listing: Listing, configText: string): { unused: string[]; missing: string[] } {
  const used = usedTypes(configText);
  const built = (kind: Kind): Set<string> => new Set((listing[kind] ?? []).map((component) => component.name));
  return {
    unused: KINDS.flatMap((kind) => [...built(kind)].filter((name) => !used[kind].has(name)).map((name) => `${kind} ${name}`)),
    missing: KINDS.flatMap((kind) => [...used[kind]].filter((name) => !built(kind).has(name)).map((name) => `${kind} ${name}`)),
  };
}

const configText = readFileSync(join(root, 'jaeger', 'config.yaml'), 'utf8');

describe('the built Jaeger: components = what jaeger/config.yaml uses', () => {
  const listing = (): Listing => parse(execFileSync(requireBinary('JAEGER_BIN'), ['components'], { encoding: 'utf8' })) as Listing;

  it('`jaeger components` lists every component the config runs and nothing else', () => {
    assert.deepEqual(componentDifferences(listing(), configText), { unused: [], missing: [] });
  });

  it('the check names a built component the config does not use', () => {
    const built = listing();
    const withKafka: Listing = { ...built, receivers: [...(built.receivers ?? []), { name: 'kafka' }] };
    assert.deepEqual(componentDifferences(withKafka, configText).unused, ['receivers kafka']);
  });

  it('every trace store in the config is the memory store, the only one the patch keeps', () => {
    const config = parse(configText) as { extensions: { jaeger_storage: { backends: Record<string, Record<string, unknown>>; metric_backends?: unknown } } };
    const storage = config.extensions.jaeger_storage;
    assert.deepEqual(
      Object.entries(storage.backends).map(([name, backend]) => [name, Object.keys(backend)]),
      [['memory_store', ['memory']]],
    );
    assert.equal(storage.metric_backends, undefined, 'the patch builds no metric store');
  });
});
