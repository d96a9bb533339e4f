import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The repository root: weaver resolves the registry's dependency (../shared/semconv/model) from here. */
export const repoRoot = join(__dirname, '..', '..');
/** The demo's own registry, relative to the repository root (weaver's working directory). */
export const REGISTRY_DIR = 'semconv/model';

interface RegistryGroup {
  id: string;
  type: string;
  metric_name?: string;
  attributes?: { id?: string; ref?: string }[];
  annotations?: { demo?: { span_names?: string[] } };
}

/** The names the demo's own registry defines. */
export interface OwnNames {
  attributes: Set<string>;
  metrics: Set<string>;
  spans: Set<string>;
}

function groupsOf(dir: string): RegistryGroup[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return groupsOf(path);
    if (!entry.name.endsWith('.yaml') || entry.name === 'manifest.yaml') return [];
    return (parse(readFileSync(path, 'utf8')) as { groups?: RegistryGroup[] }).groups ?? [];
  });
}

export function readOwnNames(): OwnNames {
  const groups = groupsOf(join(repoRoot, REGISTRY_DIR));
  const names: OwnNames = { attributes: new Set(), metrics: new Set(), spans: new Set() };
  for (const group of groups) {
    for (const attribute of group.attributes ?? []) if (attribute.id !== undefined) names.attributes.add(attribute.id);
    if (group.type === 'metric' && group.metric_name !== undefined) names.metrics.add(group.metric_name);
    for (const span of group.annotations?.demo?.span_names ?? []) names.spans.add(span);
  }
  return names;
}
