#!/usr/bin/env node
// Entry point of `npm start` and `npm test`. Plain Node with no dependencies, because
// on a fresh clone it runs before anything is installed: it installs, builds, and then
// runs the TypeScript runner in stack/src. Under `npm start` the runner runs in this
// very process (tsx's require hook, registered here), so one Node process supervises
// the stack instead of a chain of launchers each holding a runtime.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const logsDir = join(root, '.run', 'logs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function banner(text) {
  console.log(`\n\u001b[1m== ${text}\u001b[0m`);
}

function fail(message) {
  console.error(`\n\u001b[31merror:\u001b[0m ${message}`);
  process.exit(1);
}

/** Runs a command with inherited output (or into `logFile`); resolves with its exit code. */
function run(command, args, { env = {}, capture = false, logFile } = {}) {
  return new Promise((resolve) => {
    const log = logFile === undefined ? undefined : openSync(logFile, 'w');
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: log !== undefined ? ['ignore', log, log] : capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (log !== undefined) closeSync(log);
    let output = '';
    if (capture) {
      // Echo live and keep a copy, so the summary can count what each runner reported.
      child.stdout.on('data', (chunk) => { process.stdout.write(chunk); output += chunk; });
      child.stderr.on('data', (chunk) => { process.stderr.write(chunk); output += chunk; });
    }
    child.on('error', (error) => { output += String(error); resolve({ code: 127, output }); });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function lockfileIsInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  return existsSync(marker) && existsSync(tsx) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

/**
 * The stack's TypeScript, loaded into this process through tsx's require hook
 * (stack/ is CommonJS). Needs `npm ci` to have run.
 */
async function stackModule(file) {
  const { register } = await import('tsx/cjs/api');
  register();
  const loaded = createRequire(import.meta.url)(join(root, 'stack', 'src', file));
  // tsx compiles through esbuild's service: a child process (about 12 MiB)
  // and a worker thread that would otherwise stay for the stack's whole run.
  // The module and everything it imports are compiled by now; a later
  // require of TypeScript starts the service again.
  (await import('esbuild')).stop();
  return loaded;
}

/** npm ci is the first step of a first start: one line, its output in a log, its time kept for the next estimate. */
async function ensureDependencies() {
  if (lockfileIsInstalled()) return;
  mkdirSync(logsDir, { recursive: true });
  const logFile = join(logsDir, 'build-npm-ci.log');
  console.error(`[build] installing npm dependencies (npm ci; log: ${relative(root, logFile)})`);
  const started = Date.now();
  const { code } = await run('npm', ['ci', '--no-audit', '--no-fund'], { logFile });
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
    fail(`\`npm ci\` failed (is the npm registry reachable?). Last lines of ${logFile}:\n${tail}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const { BuildTimes, previousTimesFile } = await stackModule('build/build-times.ts');
  new BuildTimes(previousTimesFile(process.env.O11Y_DEMO_CACHE)).record('npm-ci', seconds);
  console.error(`[build] npm ci: done in ${Math.round(seconds)} s`);
}

/**
 * The services and the page, rebuilt only where a source is newer than the build: the
 * rule `npm start` applies, so beside a running demo an unchanged page is not rebuilt
 * under the server that serves it. The checks have built the packages already.
 */
async function buildWorkspaces() {
  banner('Building the services and the page where a source changed');
  const { buildStaleApps } = await stackModule('build/app-build.ts');
  try {
    await buildStaleApps((message) => console.log(`[build] ${message}`));
  } catch (error) {
    fail(`the build failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    fail(`Chromium is missing at ${CHROMIUM}. Install Debian's package: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  banner("Installing Debian's chromium for the browser tests");
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const update = await run('apt-get', ['update', '-qq'], { env });
  const install = update.code === 0 ? await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) : update;
  if (install.code !== 0 || !existsSync(CHROMIUM)) fail('apt-get could not install chromium; install it by hand: apt-get install -y chromium');
}

/** `cli build` prints `<name>  <path>  (<source>)` per binary; tests find them through these variables. */
function builtBinaryEnv(listing) {
  const variables = { otelcol: 'OTELCOL_BIN', prometheus: 'PROMETHEUS_BIN', promtool: 'PROMTOOL_BIN', jaeger: 'JAEGER_BIN', 'victoria-logs': 'VICTORIALOGS_BIN' };
  const env = {};
  for (const line of listing.split('\n')) {
    const [name, path] = line.trim().split(/\s+/);
    if (name in variables && path?.startsWith('/')) env[variables[name]] = path;
  }
  return env;
}

/**
 * Counts tests in the closing lines of node's test runner (TAP `# pass N`, spec `ℹ pass N`)
 * and of Playwright (`N passed`), and keeps the reasons node's runner gives for a skip
 * (TAP `ok 1 - name # SKIP reason`, spec `﹣ name (2ms) # reason`).
 */
function countTests(output) {
  const plain = stripVTControlCharacters(output);
  const sum = (re) => [...plain.matchAll(re)].reduce((total, m) => total + Number(m[1]), 0);
  const reasons = [...plain.matchAll(/^\s*(?:ok \d+ - .* # SKIP|﹣ .* \([\d.]+m?s\) #) (.+)$/gm)].map((m) => m[1].trim());
  return {
    passed: sum(/^[ℹ#] pass (\d+)$/gm) + sum(/^\s+(\d+) passed\b/gm),
    failed: sum(/^[ℹ#] fail (\d+)$/gm) + sum(/^\s+(\d+) failed\b/gm),
    skipped: sum(/^[ℹ#] skipped (\d+)$/gm) + sum(/^\s+(\d+) skipped\b/gm),
    skipReasons: [...new Set(reasons)],
  };
}

/**
 * A step passes when its runner exits 0 having passed at least one test; one that
 * exits 0 having only skipped, with the reasons it gave, is a skip (a test that
 * cannot run here and says why); one that exits 0 having run nothing proves nothing.
 */
function stepOutcome(code, counted) {
  if (code !== 0) return { state: 'fail', why: `exit ${code}` };
  if (counted.passed > 0) return { state: 'ok', why: counted.skipped > 0 ? `${counted.skipped} skipped` : '' };
  if (counted.skipped > 0) return { state: 'skip', why: counted.skipReasons.join('; ') || `${counted.skipped} skipped` };
  return { state: 'fail', why: 'no test ran' };
}

/** typecheck, lint and knip: a few minutes, and nothing else is worth running while they fail. */
async function runChecks() {
  banner('Checks: types (tests included), lint, unused and undeclared code and dependencies');
  const { code } = await run('npm', ['run', 'check']);
  if (code !== 0) fail('`npm run check` failed; the output above names each file and line (knip, then typecheck, then eslint).');
}

async function test() {
  await ensureDependencies();
  await runChecks();
  await buildWorkspaces();

  banner('Building the collector, Prometheus, Jaeger and VictoriaLogs (cached after the first run)');
  const build = await run(tsx, ['stack/src/cli.ts', 'build'], { capture: true });
  if (build.code !== 0) fail('building the backends failed; see the build log tail above.');
  const binaries = builtBinaryEnv(build.output);
  await ensureChromium();

  const steps = [
    ['Unit tests (npm run test:unit): no Go, no built backend, no browser', 'npm', ['run', 'test:unit']],
    ['Query package against the real Jaeger and VictoriaLogs', 'npm', ['run', 'test:integration', '-w', '@o11y-demo/telemetry-query']],
    ['Config checks with the real collector, Jaeger, VictoriaLogs, Quickwit, Prometheus', 'npm', ['run', 'test:backends', '-w', '@o11y-demo/stack']],
    ['Outage drill, short form: 10 s faults on the real stack', 'npm', ['run', 'test:drill', '-w', '@o11y-demo/stack']],
    ['Workshop: the preflight of every exercise on the real stack', 'npm', ['run', 'test:preflight', '-w', '@o11y-demo/workshop']],
    ['Browser telemetry test (frontend)', 'npm', ['test', '-w', '@o11y-demo/frontend']],
    ['Semantic conventions: the registry, and Weaver\'s live check of what the apps and the browser send', 'npm', ['test', '-w', '@o11y-demo/semconv']],
    ['End-to-end: a click through every backend', 'npm', ['test', '-w', '@o11y-demo/e2e']],
  ];
  const results = [];
  for (const [title, command, args] of steps) {
    banner(title);
    const started = Date.now();
    const { code, output } = await run(command, args, { capture: true, env: binaries });
    const counted = countTests(output);
    results.push({ title, ...counted, ...stepOutcome(code, counted), seconds: (Date.now() - started) / 1000 });
  }

  banner('Summary');
  const labels = { ok: '\u001b[32mok  \u001b[0m', skip: '\u001b[33mskip\u001b[0m', fail: '\u001b[31mFAIL\u001b[0m' };
  for (const r of results) {
    const why = r.why ? ` (${r.why})` : '';
    console.log(`${labels[r.state]} ${r.title.padEnd(62)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.seconds.toFixed(1).padStart(6)} s${why}`);
  }
  const total = (key) => results.reduce((n, r) => n + r[key], 0);
  // A failed step with no failed test (a crash, or nothing ran) still counts as one failure.
  const failed = total('failed') + results.filter((r) => r.state === 'fail' && r.failed === 0).length;
  console.log(`\ntests: ${total('passed')} passed, ${failed} failed, ${total('skipped')} skipped`);
  process.exit(results.some((r) => r.state === 'fail') ? 1 : 0);
}

/**
 * The runner imports workspace packages (stack/package.json) through their
 * built output; a fresh clone has none yet, so each missing one is built
 * before the runner loads. Later source changes are the runner's own first
 * build steps (stack/src/build/app-build.ts).
 */
async function ensureRunnerPackages() {
  const manifest = JSON.parse(readFileSync(join(root, 'stack', 'package.json'), 'utf8'));
  for (const name of Object.keys(manifest.dependencies ?? {}).filter((dependency) => dependency.startsWith('@o11y-demo/'))) {
    const dir = join(root, 'node_modules', name);
    const main = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).main ?? 'index.js';
    if (existsSync(join(dir, main))) continue;
    const logFile = join(logsDir, `build-${name.split('/')[1]}.log`);
    mkdirSync(logsDir, { recursive: true });
    const started = Date.now();
    const { code } = await run('npm', ['run', 'build', '-w', name], { logFile });
    if (code !== 0) fail(`building ${name}, which the stack runner imports, failed; see ${logFile}`);
    console.error(`[build] ${name} (the runner imports it): done in ${Math.round((Date.now() - started) / 1000)} s; log: ${relative(root, logFile)}`);
  }
}

/**
 * The runner (stack/src/cli.ts) reads `start [--profile ...]` from this
 * process's argv, owns Ctrl-C and SIGTERM, records this pid in
 * .run/stack.json (so `npm run stack -- stop` signals it) and sets the exit code.
 */
async function start() {
  await ensureDependencies();
  await ensureRunnerPackages();
  await stackModule('cli.ts');
}

const command = process.argv[2];
if (command === 'test') await test();
else if (command === 'start') await start();
else fail(`unknown command "${command ?? ''}": use "start" or "test"`);
