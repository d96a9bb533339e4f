import { expect, test } from '@playwright/test';
import { newTraceparent } from '@o11y-demo/telemetry-query';
import { request as httpRequest } from 'node:http';
import { targets } from '../src/targets';
import { waitForTrace } from '../src/traces';

/**
 * Requests the HTTP edge turns away before any route runs still show in the
 * trace store: each is a server span with its status, in the trace its
 * traceparent started. (fetch() refuses to send TRACE or an `Expect` header,
 * so these go through node:http.)
 */

interface Answer {
  readonly status: number;
  readonly body: { error?: unknown; message?: unknown };
}

function send(base: string, method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, base), { method, headers, timeout: 10_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    request.on('error', reject);
    request.end();
  });
}

const cases = [
  { what: 'TRACE to the frontend', base: targets.frontend, service: 'frontend', method: 'TRACE', path: '/', headers: {}, status: 405, error: 'method_not_allowed' },
  {
    what: 'a bad percent-encoding to the frontend',
    base: targets.frontend,
    service: 'frontend',
    method: 'GET',
    path: '/api/telemetry/%zz',
    headers: {},
    status: 400,
    error: 'bad_percent_encoding',
  },
  {
    what: 'a bad Expect to node-api',
    base: targets.nodeApi,
    service: 'node-api',
    method: 'GET',
    path: '/health',
    headers: { expect: 'teapot' },
    status: 417,
    error: 'expectation_failed',
  },
] as const;

for (const { what, base, service, method, path, headers, status, error } of cases) {
  test(`${what}: a JSON ${status}, and a ${service} server span with that status in the trace store`, async () => {
    const { traceId, traceparent } = newTraceparent();
    const answer = await send(base, method, path, { ...headers, traceparent });
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(typeof answer.body.message).toBe('string');

    const spans = await waitForTrace(
      traceId,
      (found) => found.some((span) => span.service === service && span.kind === 'SPAN_KIND_SERVER'),
      `${service} server span for ${method} ${path}`,
    );
    const server = spans.find((span) => span.service === service && span.kind === 'SPAN_KIND_SERVER');
    expect(server?.attributes['http.request.method']).toBe(method);
    expect(server?.attributes['http.response.status_code']).toBe(status);
  });
}
