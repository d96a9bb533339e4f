/**
 * The docs say what the code does: every `npm run X` in a README or docs/*.md
 * is a script, the variables table of docs/architecture.md names exactly the
 * variables the code and the configs read, and every port the docs give is
 * the topology module's.
 */
import { PORTS } from '@o11y-demo/topology';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../src/paths';

const trackedFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && !file.includes('node_modules/') && !file.startsWith('.run/') && !/\.tmp\.\w+$/.test(file));

const read = (file: string): string => {
  try {
    return readFileSync(join(REPO_ROOT, file), 'utf8');
  } catch {
    // Listed by git but deleted in the working tree.
    return '';
  }
};

const docs = trackedFiles.filter((file) => /(^|\/)README\.md$/.test(file) || /^docs\/[^/]+\.md$/.test(file));

interface Workspace {
  name: string;
  dir: string;
  scripts: Record<string, string>;
}

function packageScripts(dir: string): Workspace {
  const manifest = JSON.parse(read(join(dir, 'package.json'))) as { name: string; scripts?: Record<string, string>; workspaces?: string[] };
  return { name: manifest.name, dir, scripts: manifest.scripts ?? {} };
}

const root = packageScripts('.');
const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.map(packageScripts);

/** `-w @o11y-demo/e2e`, `-w e2e`, `--workspace=e2e`. */
function workspaceNamed(flag: string): Workspace | undefined {
  return workspaces.find((workspace) => workspace.name === flag || workspace.dir === flag.replace(/\/$/, ''));
}

/** The workspace a README lives in, whose scripts it may run from its own folder. */
function workspaceOf(doc: string): Workspace | undefined {
  const dir = dirname(doc);
  return workspaces.find((workspace) => workspace.dir === dir);
}

describe('npm run commands in the docs', () => {
  it('name a script of the root, of the workspace the command names, or of the README\'s own workspace', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const doc of docs) {
      for (const match of read(doc).matchAll(/npm run ([\w:.-]+)([^\n`|]*)/g)) {
        const [, script = '', rest = ''] = match;
        seen++;
        const flag = /(?:^|\s)(?:-w|--workspace)[ =](\S+)/.exec(rest.split(' -- ')[0] ?? '')?.[1];
        if (flag !== undefined) {
          const workspace = workspaceNamed(flag);
          if (!workspace) missing.push(`${doc}: npm run ${script} -w ${flag}: no workspace ${flag}`);
          else if (!(script in workspace.scripts)) missing.push(`${doc}: npm run ${script} -w ${flag}: ${workspace.name} has no script "${script}"`);
          continue;
        }
        const own = workspaceOf(doc);
        if (!(script in root.scripts) && !(own && script in own.scripts)) {
          missing.push(`${doc}: npm run ${script}: no such script at the root${own ? ` or in ${own.name}` : ''}`);
        }
      }
    }
    assert.ok(seen > 10, `only ${seen} npm run commands found: is the pattern still right?`);
    assert.deepEqual(missing, []);
  });
});

/** A variable name: upper case, digits and underscores. */
const NAME = '[A-Z][A-Z0-9_]*[A-Z0-9]';

/**
 * Variables that belong to the tools, not to the demo: nobody sets them for the
 * demo's sake, so the table leaves them out.
 */
const STANDARD = [
  /^OTEL_/, // the OpenTelemetry SDKs' own configuration (see "Configuration by the standard OTEL_* variables")
  /^GF_/, // Grafana's own settings, which the native stack sets for the Grafana it starts
  /^NEXT_(RUNTIME|IGNORE_INCORRECT_LOCKFILE)$/, // Next.js's own
  /^GO[A-Z]+$/, // the Go toolchain's own (GOCACHE, GOMODCACHE, ...)
  /^XDG_/, // the XDG base directories
  /^(CI|PATH|HOME|NODE_ENV|NODE_OPTIONS)$/, // the process environment every tool knows
  /^GLIBC_TUNABLES$/, // the C library's own (the stack sets malloc thresholds for its Node processes)
];

/**
 * Knobs of a single test suite or benchmark: each is documented in the README
 * of what reads it (checked below), not in the table of the product's variables.
 */
const SUITE_KNOBS = [/^BENCH_/, /^FC_SEED$/, /^HOSTILE_RUNS$/, /^SCREENSHOT(_BASE_URL)?$/];

const isCode = (file: string) => /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(file) && !file.endsWith('.d.ts');
const isConfig = (file: string) => /\.(ya?ml)$/.test(file);

/** A name handed around as a string: it has an underscore, which keeps out HTTP methods and signal names. */
const UNDERSCORED = '[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]';

const isTest = (file: string) => /(^|\/)(test|tests|testing)\//.test(file) || /\.(test|spec)\.tsx?$/.test(file);

/** What a piece of code reads from its environment. */
function variablesReadBy(source: string, file: string): Set<string> {
  const names = new Set<string>();
  // process.env.X, process.env?.X, process.env['X'], env.X, env['X'] (not assignments to them).
  for (const match of source.matchAll(new RegExp(`\\b(?:process\\.)?env\\??\\.?(?:\\.(${NAME})|\\[['"](${NAME})['"]\\])(?!\\s*(?:=(?!=)|\\?\\?=))`, 'g'))) {
    names.add((match[1] ?? match[2])!);
  }
  // Tests build environments for the processes they start: their object keys are what those read.
  if (!isTest(file) && /process\.env|ProcessEnv|\b(?:const|function)\s+\w*Env\b/.test(source)) {
    // An env schema's keys (zod objects parsed from the environment) ...
    for (const match of source.matchAll(new RegExp(`^\\s*(${NAME}):`, 'gm'))) names.add(match[1]!);
    // ... and names handed to a reader: variable(env, 'X'), urlFromEnv('X', ...).
    for (const match of source.matchAll(new RegExp(`[(,]\\s*['"](${UNDERSCORED})['"]\\s*[,)]`, 'g'))) names.add(match[1]!);
  }
  return names;
}

/** `${env:X}` (the collector, Jaeger), `${X}` / `${X:-default}` (compose, Grafana, Tempo, Quickwit). */
function variablesReadByConfig(source: string): Set<string> {
  const names = new Set<string>();
  const uncommented = source.replace(/^\s*#.*$/gm, '');
  for (const match of uncommented.matchAll(new RegExp(`\\$\\{(?:env:)?(${NAME})(?::-[^}]*)?\\}`, 'g'))) names.add(match[1]!);
  return names;
}

function readByCode(): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const file of trackedFiles) {
    const names = isCode(file) ? variablesReadBy(read(file), file) : isConfig(file) ? variablesReadByConfig(read(file)) : new Set<string>();
    for (const name of names) readers.set(name, [...(readers.get(name) ?? []), file]);
  }
  return readers;
}

/** The names in the first column of docs/architecture.md's variables table (with their `E2E_` twins where a row says so). */
function documentedVariables(): Set<string> {
  const text = read('docs/architecture.md');
  const start = text.indexOf('| variable |');
  assert.ok(start >= 0, 'docs/architecture.md has a table headed "| variable |"');
  const rows = text.slice(start).split('\n');
  const names = new Set<string>();
  for (const row of rows.slice(2)) {
    if (!row.startsWith('|')) break;
    const [, first = '', usedBy = ''] = row.split('|');
    const inRow = [...first.matchAll(new RegExp('`(' + NAME + ')`', 'g'))].map((match) => match[1]!);
    for (const name of inRow) {
      names.add(name);
      if (usedBy.includes('`E2E_` prefix')) names.add(`E2E_${name}`);
    }
  }
  assert.ok(names.size > 20, `only ${names.size} variables in the table: is the table still where the test looks?`);
  return names;
}

describe('the variables table of docs/architecture.md', () => {
  const documented = documentedVariables();
  const readers = readByCode();

  it('names every variable the code and the configs read', () => {
    const undocumented = [...readers]
      .filter(([name]) => !documented.has(name) && !STANDARD.some((pattern) => pattern.test(name)) && !SUITE_KNOBS.some((pattern) => pattern.test(name)))
      .map(([name, files]) => `${name} (read by ${files.join(', ')})`);
    assert.deepEqual(undocumented, []);
  });

  it('names only variables something reads', () => {
    assert.deepEqual(
      [...documented].filter((name) => !readers.has(name)),
      [],
    );
  });

  it("leaves out only suite knobs that the README of their suite documents", () => {
    const readmes = docs.map(read).join('\n');
    const undocumented = [...readers.keys()].filter((name) => SUITE_KNOBS.some((pattern) => pattern.test(name)) && !readmes.includes(name));
    assert.deepEqual(undocumented, []);
  });
});

/** Which topology ports each row of docs/architecture.md's "Names and ports" table must list. */
const COMPONENT_PORTS: [RegExp, (keyof typeof PORTS)[]][] = [
  [/^frontend\b/, ['frontend']],
  [/^browser\b/, []],
  [/^node-api\b/, ['nodeApi']],
  [/^worker\b/, ['worker']],
  [/^OpenTelemetry Collector/, ['collectorOtlpGrpc', 'collectorOtlpHttp', 'collectorHealth', 'collectorMetrics']],
  [/^Jaeger/, ['jaegerQuery', 'jaegerGrpcQuery', 'traceStoreOtlpGrpc', 'traceStoreOtlpHttp', 'jaegerHealth']],
  [/^Tempo/, ['tempo', 'tempoGrpc', 'traceStoreOtlpGrpc', 'traceStoreOtlpHttp']],
  [/^VictoriaLogs/, ['victoriaLogs']],
  [/^Quickwit/, ['quickwit', 'quickwitGrpc']],
  [/^Prometheus/, ['prometheus']],
  [/^Grafana/, ['grafana']],
];

describe('ports in the docs', () => {
  it('the "Names and ports" table of docs/architecture.md lists each component\'s topology ports', () => {
    const text = read('docs/architecture.md');
    const start = text.indexOf('| component | `service.name` | ports |');
    assert.ok(start >= 0, 'docs/architecture.md has the "Names and ports" table');
    const rows = text
      .slice(start)
      .split('\n')
      .slice(2)
      .filter((_, index, all) => all.slice(0, index + 1).every((row) => row.startsWith('|')));
    const unmatched = [...COMPONENT_PORTS.map(([pattern]) => pattern.source)];
    for (const row of rows) {
      const [, component = '', , ports = '', health = ''] = row.split('|').map((cell) => cell.trim());
      const entry = COMPONENT_PORTS.find(([pattern]) => pattern.test(component));
      assert.ok(entry, `a row for "${component}": add it to COMPONENT_PORTS with its topology ports`);
      unmatched.splice(unmatched.indexOf(entry[0].source), 1);
      const listed = new Set([...`${ports} ${health}`.matchAll(/\b\d{4,5}\b/g)].map((match) => Number(match[0])));
      const expected = new Set(entry[1].map((key) => PORTS[key]));
      assert.deepEqual([...listed].sort(), [...expected].sort(), `${component}: the table says ${[...listed].join(', ')}`);
    }
    assert.deepEqual(unmatched, [], 'every component has its row');
  });

  it('every local address in the docs uses a port of the topology module', () => {
    const known = new Set<number>(Object.values(PORTS));
    const unknown: string[] = [];
    for (const doc of docs) {
      for (const match of read(doc).matchAll(/\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d+)/g)) {
        if (!known.has(Number(match[1]))) unknown.push(`${doc}: ${match[0]}`);
      }
    }
    assert.deepEqual(unknown, []);
  });
});
