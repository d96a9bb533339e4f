import { expect, test } from '@playwright/test';
import type { TelemetryReport } from '../src/telemetry-report/telemetry-report';
import { TEST_URLS } from './support/test-environment';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

for (const bad of ['nothex', '4bf92f3577b34da6a3ce929d0e0e473', '4bf92f3577b34da6a3ce929d0e0e47366', 'zbf92f3577b34da6a3ce929d0e0e4736', '0'.repeat(32)]) {
  test(`GET /api/telemetry/${bad} is refused with 400 and says what a trace id is`, async ({ request }) => {
    const response = await request.get(`/api/telemetry/${bad}`);
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid_trace_id');
    expect(body.message).toContain('32 hex digits');
  });
}

test('the route takes nothing but a trace id: a URL is no id, and query parameters are ignored', async ({ request }) => {
  const asId = await request.get(`/api/telemetry/${encodeURIComponent('http://127.0.0.1:9/api/v1/query')}`);
  expect(asId.status()).toBe(400);

  const withQuery = await request.get(`/api/telemetry/${TRACE_ID}?url=${encodeURIComponent('http://127.0.0.1:9')}&query=up`);
  expect(withQuery.status()).toBe(200);
  const report = (await withQuery.json()) as TelemetryReport;
  const errors = [report.trace, report.logs, report.metrics].map((section) => (section.state === 'unreachable' ? section.error : ''));
  expect(errors[0]).toContain(TEST_URLS.traceStore);
  expect(errors[1]).toContain(TEST_URLS.logStore);
  expect(errors[2]).toContain(TEST_URLS.prometheus);
  expect(errors.join(' ')).not.toContain('127.0.0.1:9/');
});

test('with no backend running, it answers at once and names each store as unreachable', async ({ request }) => {
  const started = Date.now();
  const response = await request.get(`/api/telemetry/${TRACE_ID.toUpperCase()}`);
  expect(Date.now() - started).toBeLessThan(3_500);
  expect(response.status()).toBe(200);
  const report = (await response.json()) as TelemetryReport;

  expect(report.traceId).toBe(TRACE_ID);
  expect(report.stores).toEqual({
    traces: { kind: 'jaeger', name: 'Jaeger', answered: false },
    logs: { kind: 'victorialogs', name: 'VictoriaLogs', answered: false },
    metrics: { kind: 'prometheus', name: 'Prometheus', answered: false },
  });
  expect(report.trace).toEqual({ state: 'unreachable', error: expect.stringMatching(/^unreachable: Jaeger: .*ECONNREFUSED/) });
  expect(report.trace.state === 'unreachable' && report.trace.error).toContain(TEST_URLS.traceStore);
  expect(report.logs).toEqual({ state: 'unreachable', error: expect.stringMatching(/^unreachable: VictoriaLogs: .*ECONNREFUSED/) });
  expect(report.metrics).toEqual({ state: 'unreachable', error: expect.stringMatching(/^unreachable: Prometheus: .*ECONNREFUSED/) });
  // No links to stores that do not answer, and none to Grafana (GRAFANA_URL is unset).
  expect(report.links).toEqual([]);
});
