#!/usr/bin/env node
/**
 * Prints how much the browser telemetry adds to the page's JavaScript, gzipped.
 *
 * Method: build the frontend twice with Next.js and compare what a visitor
 * downloads for `/` (every JavaScript file the build manifest lists for the
 * root layout and the page, gzipped at level 9 as Next.js reports sizes):
 *
 *   1. as it is;
 *   2. without src/instrumentation-client.ts, the one entry point that pulls
 *      in the OpenTelemetry SDK, exporters, instrumentations and web-vitals.
 *
 * The difference is the telemetry's cost. The page's own imports from
 * src/telemetry (the values it displays, the session id, starting a span)
 * stay in the second build, so the figure leaves out those few hundred bytes.
 *
 * Each build runs in a fresh temporary copy of frontend/ (sharing the
 * repository's node_modules), so the working tree and its .next stay
 * untouched. Takes a few minutes; exits 1 when the figure exceeds the budget.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 45;
const frontendDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(frontendDir, '..');
const copiedDirs = new Set(['.next', 'node_modules', 'test-results', 'playwright-report', 'docs']);

function makeWorkspaceCopy() {
  const root = mkdtempSync(join(tmpdir(), 'telemetry-bundle-size-'));
  cpSync(join(repoRoot, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  cpSync(frontendDir, join(root, 'frontend'), {
    recursive: true,
    filter: (source) => !copiedDirs.has(source.slice(frontendDir.length).split('/')[0] ?? ''),
  });
  return root;
}

function nextBuild(root) {
  // Through the copy's node_modules link, so Next.js sees one consistent root.
  execFileSync(join(root, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: join(root, 'frontend'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_IGNORE_INCORRECT_LOCKFILE: '1' },
  });
}

/** Gzipped KB of the JavaScript the browser loads for `/`. */
function firstLoadJsKb(root) {
  const dir = join(root, 'frontend');
  const manifest = JSON.parse(readFileSync(join(dir, '.next', 'app-build-manifest.json'), 'utf8'));
  const files = new Set([...manifest.pages['/layout'], ...manifest.pages['/page']]);
  let bytes = 0;
  for (const file of files) {
    if (file.endsWith('.js')) bytes += gzipSync(readFileSync(join(dir, '.next', file)), { level: 9 }).length;
  }
  return bytes / 1024;
}

/** Builds a fresh copy, optionally changed first, and measures it. */
function measure(prepare) {
  const root = makeWorkspaceCopy();
  try {
    prepare(join(root, 'frontend'));
    nextBuild(root);
    return firstLoadJsKb(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

console.log('Building with browser telemetry ...');
const withTelemetry = measure(() => {});
console.log('Building without src/instrumentation-client.ts ...');
const withoutTelemetry = measure((copy) => rmSync(join(copy, 'src', 'instrumentation-client.ts')));

const addedKb = withTelemetry - withoutTelemetry;
console.log(
  `\nJavaScript loaded for /, gzip: ${withTelemetry.toFixed(1)} KB with telemetry, ${withoutTelemetry.toFixed(1)} KB without.`,
);
console.log(`Browser telemetry adds ${addedKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB).`);
if (addedKb > BUDGET_KB) {
  console.error(`Over budget by ${(addedKb - BUDGET_KB).toFixed(1)} KB.`);
  process.exitCode = 1;
}
