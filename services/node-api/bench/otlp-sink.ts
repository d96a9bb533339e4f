import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  url: string;
  /** Export requests received per path, e.g. `/v1/traces`. */
  exports: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Accepts OTLP/HTTP exports and throws them away: the benchmark measures what the
 * SDK costs the service (recording, batching, encoding, sending), not a collector.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  const exports = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      exports.set(req.url ?? '', (exports.get(req.url ?? '') ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
