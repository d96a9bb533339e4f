import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './registry';

/** Where the demo's code writes telemetry names: the services, the libraries and the page. Tests are not scanned. */
const SOURCE_DIRS = ['services/node-api/src', 'services/worker/src', 'packages', 'frontend/src'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.next', 'test', 'tests', 'testing']);

interface SourceFile {
  path: string;
  text: string;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [{ path: relative(repoRoot, path), text: readFileSync(path, 'utf8') }] : [];
  });
}

export function readSources(): SourceFile[] {
  return SOURCE_DIRS.flatMap((dir) => sourceFiles(join(repoRoot, dir)));
}

/** Every match of `pattern`'s first group, with the file it is in. */
function matches(files: SourceFile[], pattern: RegExp): { name: string; path: string }[] {
  return files.flatMap((file) => [...file.text.matchAll(pattern)].map((m) => ({ name: m[1] ?? '', path: file.path })));
}

/** `demo.*` names written as string literals or in backticks (comments included: they must not name what does not exist). */
export function demoNames(files: SourceFile[]): { name: string; path: string }[] {
  return matches(files, /['"`](demo\.[a-z0-9_.]+)['"`]/g);
}

/** Names of the instruments the code creates. */
export function metricNames(files: SourceFile[]): { name: string; path: string }[] {
  return matches(files, /\.create(?:Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)\(\s*'([^']+)'/g);
}

/** Names of the spans the code starts with a fixed name, and the page's action spans. */
export function spanNames(files: SourceFile[]): { name: string; path: string }[] {
  return [...matches(files, /\.start(?:Active)?Span\(\s*'([^']+)'/g), ...matches(files, /\bspanName: '([^']+)'/g)];
}

/**
 * Whether the code can produce span name `name`: written whole, or as a
 * template `prefix: ${...}` whose variable part is a literal elsewhere.
 */
export function codeWritesSpanName(files: SourceFile[], name: string): boolean {
  const all = files.map((file) => file.text).join('\n');
  if (all.includes(`'${name}'`)) return true;
  const colon = name.indexOf(': ');
  if (colon < 0) return false;
  return all.includes(`\`${name.slice(0, colon)}: \${`) && all.includes(`'${name.slice(colon + 2)}'`);
}
