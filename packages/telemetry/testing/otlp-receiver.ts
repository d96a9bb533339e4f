import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeLogsRequest,
  decodeMetricsRequest,
  decodeTracesRequest,
  type ExportedLogRecord,
  type ExportedMetricPoint,
  type ExportedSpan,
} from '@o11y-demo/telemetry-query';

/**
 * An OTLP/HTTP receiver for tests: accepts the JSON encoding
 * (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) and keeps every span, log record and
 * metric data point, decoded by the query package's OTLP/JSON reader into flat
 * records that are easy to assert on.
 */
export interface OtlpReceiver {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  spans: ExportedSpan[];
  logs: ExportedLogRecord[];
  metrics: ExportedMetricPoint[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ExportedSpan[] = [];
  const logs: ExportedLogRecord[] = [];
  const metrics: ExportedMetricPoint[] = [];
  const server = createServer((req, res) => {
    readBody(req)
      .then((text) => {
        const body: unknown = JSON.parse(text);
        if (req.url === '/v1/traces') spans.push(...decodeTracesRequest(body));
        else if (req.url === '/v1/logs') logs.push(...decodeLogsRequest(body));
        else if (req.url === '/v1/metrics') metrics.push(...decodeMetricsRequest(body));
        else {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })
      .catch(() => res.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    logs,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
