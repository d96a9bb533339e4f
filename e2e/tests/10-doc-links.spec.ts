import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { prometheusQueryPageUrl, type Backends } from '@o11y-demo/telemetry-query';
import { PORTS } from '@o11y-demo/topology';
import { backends } from '../src/backends';
import { clickAction, openDemo } from './demo-page';

// The READMEs' links are what a workshop room clicks: every http://localhost
// link in them must open something (2xx) on the running stack, and every PromQL
// expression in them must parse and find data once clicks have made traffic.

test.describe.configure({ timeout: 150_000 });

const DOCS = ['README.md', join('workshop', 'README.md')];
const ROOT = join(__dirname, '..', '..');

/**
 * Parts this setup may lack, by port: Grafana (natively only with
 * GRAFANA_BIN), and the stores of the other setup (Tempo and Quickwit beside
 * Jaeger and VictoriaLogs, or the other way round). Their links are followed
 * when something listens there, skipped (and said so) when nothing does.
 */
function optionalPorts({ traceStore, logStore }: Backends): Record<string, string> {
  const other = (port: number, name: string): Record<string, string> => ({ [String(port)]: name });
  return {
    ...other(PORTS.grafana, 'Grafana'),
    ...(traceStore.kind === 'jaeger' ? other(PORTS.tempo, 'Tempo') : other(PORTS.jaegerQuery, 'Jaeger')),
    ...(logStore.kind === 'victorialogs' ? other(PORTS.quickwit, 'Quickwit') : other(PORTS.victoriaLogs, 'VictoriaLogs')),
  };
}

/** `<trace id>` and friends: filled in with real values from a click. */
const PLACEHOLDER = /<([^<>\n]+)>/g;

interface DocLink {
  readonly doc: string;
  readonly href: string;
}

/** URLs up to whitespace, a quote, a backtick, a table bar or a parenthesis (the docs percent-encode PromQL's). */
function docLinks(): DocLink[] {
  const links: DocLink[] = [];
  for (const doc of DOCS) {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    for (const match of text.matchAll(/http:\/\/localhost:\d+(?:<[^<>\n]+>|[^\s<>()`'"|[\]])*/g)) {
      // Trailing punctuation and Markdown emphasis are the sentence's, not the URL's.
      links.push({ doc, href: match[0].replace(/[.,;:*_]+$/, '') });
    }
  }
  return links;
}

/** The expressions of ```promql blocks, one per paragraph, without `#` comment lines. */
function promqlBlocks(): { doc: string; expr: string }[] {
  const found: { doc: string; expr: string }[] = [];
  for (const doc of DOCS) {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    for (const block of text.matchAll(/```promql\n([\s\S]*?)```/g)) {
      for (const paragraph of (block[1] ?? '').split(/\n\s*\n/)) {
        const expr = paragraph
          .split('\n')
          .filter((line) => !line.trim().startsWith('#'))
          .join('\n')
          .trim();
        if (expr) found.push({ doc, expr });
      }
    }
  }
  return found;
}

/** Whether anything listens on the link's port: a component that runs but answers an error must fail, not be skipped. */
function listens(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), timeout: 1_000 });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

function fillPlaceholders(href: string, values: Record<string, string>): string {
  return href.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${href}: no value for the placeholder ${whole} (known: ${Object.keys(values).join(', ')})`);
    return encodeURIComponent(value);
  });
}

test('every http://localhost link in README.md and workshop/README.md answers 2xx after a click', async ({ page, request }) => {
  const links = docLinks();
  expect(links.length, 'links in the docs').toBeGreaterThan(5);
  await openDemo(page);
  const traceId = await clickAction(page, 'fetch-data');
  const stores = await backends();
  const { traceStore } = stores;
  const optionalParts = optionalPorts(stores);
  // Trace links open the trace once the store holds it.
  await expect.poll(async () => (await traceStore.getTrace(traceId))?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);

  // The page keeps its browser session id in sessionStorage (frontend/src/telemetry/session.ts).
  const sessionId = await page.evaluate(() => sessionStorage.getItem('o11y-demo.session-id'));
  expect(sessionId, 'the page\'s session id').toMatch(/^[0-9a-f]{32}$/);
  const values = { 'trace id': traceId, 'session id': sessionId ?? '' };
  const failures: string[] = [];
  const skipped: string[] = [];
  const followed = new Set<string>();
  for (const { doc, href } of links) {
    const url = fillPlaceholders(href, values);
    if (followed.has(url)) continue;
    followed.add(url);
    const optional = optionalParts[new URL(url).port];
    if (optional !== undefined && !(await listens(new URL(url)))) {
      skipped.push(`${optional} does not run here: ${url} (${doc})`);
      continue;
    }
    const response = await request.get(url, { timeout: 10_000, maxRedirects: 5 }).catch((error: Error) => error);
    const status = response instanceof Error ? response.message : response.status();
    test.info().annotations.push({ type: 'link', description: `${status} ${url} (${doc})` });
    if (typeof status !== 'number' || status < 200 || status >= 300) failures.push(`${status} ${url} (${doc})`);
  }
  for (const line of skipped) {
    console.log(`skipped: ${line}`);
    test.info().annotations.push({ type: 'skipped link', description: line });
  }
  expect(followed.size - skipped.length, 'links followed').toBeGreaterThan(0);
  expect(failures, 'doc links that do not answer 2xx').toEqual([]);
});

test("every PromQL expression in the docs parses and finds data after a click's traffic; Prometheus links are the UI's query page", async ({ page }) => {
  const { metricStore } = await backends();
  const fromLinks = docLinks().flatMap(({ doc, href }) => {
    const url = new URL(href);
    const expr = url.searchParams.get('g0.expr');
    return expr === null ? [] : [{ doc, expr, href, url }];
  });
  expect(fromLinks.length, 'Prometheus query links in the docs').toBeGreaterThan(0);
  for (const { doc, expr, href, url } of fromLinks) {
    // Built by the one function every Prometheus link comes from, so the docs open what the page opens.
    const range = url.searchParams.get('g0.range_input') ?? undefined;
    expect(href, `${doc}: a Prometheus link as prometheusQueryPageUrl writes it`).toBe(prometheusQueryPageUrl(url.origin, expr, range));
  }
  const expressions = [...new Map([...fromLinks, ...promqlBlocks()].map(({ doc, expr }) => [expr, doc])).entries()];

  // A parse error fails here at once, naming the expression (query() throws Prometheus's error).
  for (const [expr, doc] of expressions) await metricStore.query(expr).catch((error: Error) => Promise.reject(new Error(`${doc}: ${error.message}`)));

  await openDemo(page);
  await clickAction(page, 'fetch-data');
  const empty = async (): Promise<string[]> => {
    const missing: string[] = [];
    for (const [expr, doc] of expressions) {
      const samples = await metricStore.query(expr);
      if (samples.length === 0) missing.push(`${expr} (${doc})`);
    }
    return missing;
  };
  // Span metrics flush every 15 s and rate() needs two samples: keep clicking until every expression has data.
  await expect
    .poll(
      async () => {
        await clickAction(page, 'fetch-data');
        return empty();
      },
      { timeout: 90_000, intervals: [3_000], message: 'doc expressions without data' },
    )
    .toEqual([]);
  test.info().annotations.push({ type: 'promql', description: `${expressions.length} expressions ran` });
});
