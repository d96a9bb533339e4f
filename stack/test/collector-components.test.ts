// Every component collector/builder-config.yaml compiles into the collector
// must be used by collector/config.yaml. One unused component can double the
// build (resourcedetection pulled in the cloud SDKs and the Kubernetes client
// for one env detector), so this runs without Go or a built binary and fails
// as soon as the manifest lists something the config does not use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { KINDS, usedTypes, type Kind } from './support/pipeline-components';
import { root } from './support/processes';


/**
 * Component type names per Go module (the module path's last segment), as the
 * collector registers them; renamed components also answer to their old name.
 * A module missing here fails the test with a message saying to add it.
 */
const TYPE_NAMES: Readonly<Record<string, readonly string[]>> = {
  otlpreceiver: ['otlp'],
  memorylimiterprocessor: ['memory_limiter'],
  batchprocessor: ['batch'],
  resourcedetectionprocessor: ['resource_detection', 'resourcedetection'],
  resourceprocessor: ['resource'],
  attributesprocessor: ['attributes'],
  transformprocessor: ['transform'],
  filterprocessor: ['filter'],
  spanmetricsconnector: ['span_metrics', 'spanmetrics'],
  servicegraphconnector: ['service_graph', 'servicegraph'],
  signaltometricsconnector: ['signal_to_metrics', 'signaltometrics'],
  otlpexporter: ['otlp_grpc', 'otlp'],
  otlphttpexporter: ['otlp_http', 'otlphttp'],
  debugexporter: ['debug'],
  fileexporter: ['file'],
  healthcheckextension: ['health_check'],
  filestorage: ['file_storage'],
  pprofextension: ['pprof'],
  zpagesextension: ['zpages'],
};

interface ManifestComponent {
  readonly kind: Kind;
  readonly module: string;
}

function manifestComponents(manifestText: string): ManifestComponent[] {
  const manifest = parse(manifestText) as Partial<Record<Kind, Array<{ gomod: string }>>>;
  return KINDS.flatMap((kind) =>
    (manifest[kind] ?? []).map((entry) => ({ kind, module: entry.gomod.trim().split(/\s+/)[0] ?? entry.gomod })),
  );
}

function moduleName(module: string): string {
  return module.split('/').at(-1) ?? module;
}

/** Manifest entries whose component no pipeline or service.extensions uses, as `kind module (type names)`. */
function unusedComponents(manifestText: string, configText: string): string[] {
  const used = usedTypes(configText);
  return manifestComponents(manifestText).flatMap(({ kind, module }) => {
    const names = TYPE_NAMES[moduleName(module)];
    if (names === undefined) {
      throw new Error(`${module}: add its component type name(s) to TYPE_NAMES in stack/test/collector-components.test.ts`);
    }
    return names.some((name) => used[kind].has(name)) ? [] : [`${kind} ${module} (${names.join(' / ')})`];
  });
}

/** Types the config runs that no manifest entry provides (the built collector would refuse the config). */
function missingComponents(manifestText: string, configText: string): string[] {
  const provided = new Map<Kind, Set<string>>(KINDS.map((kind) => [kind, new Set<string>()]));
  for (const { kind, module } of manifestComponents(manifestText)) {
    for (const name of TYPE_NAMES[moduleName(module)] ?? []) provided.get(kind)?.add(name);
  }
  const used = usedTypes(configText);
  return KINDS.flatMap((kind) => [...used[kind]].filter((name) => !provided.get(kind)?.has(name)).map((name) => `${kind} ${name}`));
}

const manifestText = readFileSync(join(root, 'collector', 'builder-config.yaml'), 'utf8');
const configText = readFileSync(join(root, 'collector', 'config.yaml'), 'utf8');

describe('collector components: built = used', () => {
  it('builder-config.yaml lists no component that config.yaml does not use', () => {
    assert.deepEqual(unusedComponents(manifestText, configText), []);
  });

  it('builder-config.yaml provides every component config.yaml runs', () => {
    assert.deepEqual(missingComponents(manifestText, configText), []);
  });

  it('the check finds an unused component: the manifest plus resourcedetection, which no pipeline runs', () => {
    const withExtra = manifestText.replace(
      /^processors:\n/m,
      'processors:\n  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/processor/resourcedetectionprocessor v0.159.0\n',
    );
    assert.notEqual(withExtra, manifestText, 'the fixture did not add the component');
    assert.deepEqual(unusedComponents(withExtra, configText), [
      'processors github.com/open-telemetry/opentelemetry-collector-contrib/processor/resourcedetectionprocessor (resource_detection / resourcedetection)',
    ]);
  });

  it('a component that is configured but in no pipeline counts as unused', () => {
    const configuredOnly = configText.replace(/^processors:\n/m, 'processors:\n  resource_detection:\n    detectors: [env]\n');
    const withExtra = manifestText.replace(
      /^processors:\n/m,
      'processors:\n  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/processor/resourcedetectionprocessor v0.159.0\n',
    );
    assert.equal(unusedComponents(withExtra, configuredOnly).length, 1);
  });

  it('an extension declared but not in service.extensions counts as unused', () => {
    const withoutHealth = configText.replace(/extensions: \[health_check, file_storage\/queue\]/, 'extensions: [file_storage/queue]');
    assert.notEqual(withoutHealth, configText, 'the fixture did not change service.extensions');
    assert.deepEqual(unusedComponents(manifestText, withoutHealth), [
      'extensions github.com/open-telemetry/opentelemetry-collector-contrib/extension/healthcheckextension (health_check)',
    ]);
  });

  it('a module it has no type name for fails with what to do', () => {
    const unknown = manifestText.replace(/^exporters:\n/m, 'exporters:\n  - gomod: example.com/collector/exporter/mysteryexporter v1.0.0\n');
    assert.throws(() => unusedComponents(unknown, configText), /mysteryexporter: add its component type name\(s\) to TYPE_NAMES/);
  });
});
