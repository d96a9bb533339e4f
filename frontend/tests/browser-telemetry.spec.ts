import { DemoPage, TRACE_ID } from './support/demo-page';
import { expect, test } from './support/otlp-recorder';
import { TEST_URLS } from './support/test-environment';

const BROWSER_SERVICE = 'frontend-web';

test('the page load is traced as document-load spans from frontend-web', async ({ page, otlp }) => {
  await new DemoPage(page).open();

  await expect
    .poll(() => otlp.spans.filter((span) => span.scope.includes('document-load')).map((span) => span.name))
    .toEqual(expect.arrayContaining(['documentLoad', 'documentFetch', 'resourceFetch']));
  const documentLoad = otlp.spans.find((span) => span.name === 'documentLoad');
  expect(documentLoad?.service).toBe(BROWSER_SERVICE);
  expect(documentLoad?.parentSpanId).toBe('');
});

test('a click on "Fetch data" is one trace: the page, traceparent and the fetch span agree', async ({ page, otlp }) => {
  const demo = new DemoPage(page);
  await demo.open();

  const apiRequest = page.waitForRequest((request) => request.url() === `${TEST_URLS.nodeApi}/data`);
  const shownTraceId = await demo.run('fetch-data', /^200\b/);
  const traceparent = (await apiRequest).headers()['traceparent'] ?? '';

  // version-traceid-parentid-flags; the parent is the browser's fetch span.
  const [, sentTraceId, sentParentId, flags] = traceparent.split('-');
  expect(sentTraceId).toMatch(TRACE_ID);
  expect(flags).toBe('01');
  expect(sentTraceId).toBe(shownTraceId);

  await expect
    .poll(() => otlp.spans.find((span) => span.spanId === sentParentId)?.scope)
    .toBe('@opentelemetry/instrumentation-fetch');
  const fetchSpan = otlp.spans.find((span) => span.spanId === sentParentId)!;
  expect(fetchSpan.traceId).toBe(shownTraceId);
  expect(fetchSpan.service).toBe(BROWSER_SERVICE);
  expect(fetchSpan.attributes['http.response.status_code'] ?? fetchSpan.attributes['http.status_code']).toBe(200);

  // The browser starts the trace: walking up from the fetch span ends at a
  // root span from frontend-web (the click), through the action's span.
  const chain = [fetchSpan];
  await expect
    .poll(() => {
      let current = chain[chain.length - 1]!;
      while (current.parentSpanId) {
        const parent = otlp.spans.find((span) => span.spanId === current.parentSpanId);
        if (!parent) return chain.map((span) => span.name);
        chain.push((current = parent));
      }
      return chain.map((span) => span.name);
    })
    .toEqual(['GET', 'demo: fetch data', 'click']);
  expect(chain.every((span) => span.traceId === shownTraceId && span.service === BROWSER_SERVICE)).toBe(true);
});

test("web vitals are sent as the conventions' browser.web_vital events", async ({ page, otlp }) => {
  const demo = new DemoPage(page);
  await demo.open();
  // An interaction finalises LCP and gives INP something to measure.
  await demo.run('fetch-data', /^200\b/);
  await demo.simulateTabHidden();

  const vitals = () => otlp.logRecords.filter((record) => record.eventName === 'browser.web_vital');
  await expect
    .poll(() => [...new Set(vitals().map((record) => record.attributes['browser.web_vital.name']))].sort())
    .toEqual(['cls', 'fcp', 'inp', 'lcp', 'ttfb']);
  for (const record of vitals()) {
    expect(record.service).toBe(BROWSER_SERVICE);
    expect(typeof record.attributes['browser.web_vital.value']).toBe('number');
    expect(record.attributes['browser.web_vital.value']).toBeGreaterThanOrEqual(0);
    expect(typeof record.attributes['browser.web_vital.delta']).toBe('number');
    expect(record.attributes['browser.web_vital.id']).toMatch(/^v\d+-/);
    expect(['good', 'needs-improvement', 'poor']).toContain(record.attributes['browser.web_vital.rating']);
    expect(['navigate', 'reload', 'back-forward', 'back-forward-cache', 'prerender', 'restore']).toContain(
      record.attributes['browser.web_vital.navigation_type'],
    );
    expect(record.attributes['url.path']).toBe('/');
    // The event's name is in the EventName field only: the `event.name` attribute is deprecated.
    expect(record.attributes['event.name']).toBeUndefined();
  }
});

for (const { action, kind } of [
  { action: 'browser-error', kind: 'uncaught error' },
  { action: 'unhandled-rejection', kind: 'unhandled rejection' },
] as const) {
  test(`an ${kind} becomes an ERROR exception event and an exception on a span of the action's trace`, async ({
    page,
    otlp,
  }) => {
    const demo = new DemoPage(page);
    await demo.open();
    const traceId = await demo.run(action, new RegExp(`^${kind} reported$`));

    await expect
      .poll(() => otlp.logRecords.filter((record) => record.eventName === 'exception').length)
      .toBeGreaterThan(0);
    const record = otlp.logRecords.find((entry) => entry.eventName === 'exception')!;
    expect(record.attributes['event.name']).toBeUndefined();
    expect(record.service).toBe(BROWSER_SERVICE);
    expect(record.severityText).toBe('ERROR');
    expect(record.severityNumber).toBe(17);
    expect(record.attributes['exception.type']).toBe('Error');
    expect(record.attributes['exception.message']).toMatch(/^Demo: /);
    expect(record.attributes['exception.stacktrace']).toContain('Error: Demo: ');
    expect(record.traceId).toBe(traceId);

    await expect
      .poll(() => otlp.spans.find((span) => span.spanId === record.spanId)?.events.map((event) => event.name))
      .toEqual(['exception']);
    const exceptionSpan = otlp.spans.find((span) => span.spanId === record.spanId)!;
    expect(exceptionSpan.traceId).toBe(traceId);
    expect(exceptionSpan.statusCode).toBe('STATUS_CODE_ERROR');
  });
}

test('session.id is on every span and log record and stays the same across actions and reloads', async ({
  page,
  otlp,
}) => {
  const demo = new DemoPage(page);
  await demo.open();
  const sessionId = await demo.sessionId();

  await demo.run('fetch-data', /^200\b/);
  await demo.run('trigger-error', /^500\b/);
  await demo.run('browser-error', /reported$/);
  // Exports made while a page unloads may escape the test's interception.
  await expect.poll(() => otlp.spans.filter((span) => span.name === 'click').length).toBe(3);
  await page.reload();
  await expect(page.getByTestId('session-id')).toHaveText(sessionId);
  await demo.run('fetch-data', /^200\b/);

  await expect.poll(() => otlp.spans.filter((span) => span.name === 'click').length).toBeGreaterThanOrEqual(4);
  await expect.poll(() => otlp.logRecords.length).toBeGreaterThan(0);
  const sessionIds = new Set([...otlp.spans, ...otlp.logRecords].map((item) => item.attributes['session.id']));
  expect([...sessionIds]).toEqual([sessionId]);
});

test('the page keeps working when the collector is down, without hammering it', async ({ page, otlp }) => {
  await otlp.refuse(page);
  const demo = new DemoPage(page);
  await demo.open();

  await demo.run('fetch-data', /^200\b/);
  await expect(page.getByTestId('collector-status')).toHaveText(/unreachable/);
  await demo.run('trigger-error', /^500\b/);
  await demo.run('fetch-data', /^200\b/);

  // Two attempts per exporter, then a pause: nothing like one request per batch.
  expect(otlp.requestCount).toBeLessThanOrEqual(4);
});
