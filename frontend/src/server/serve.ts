import { createEdgeServer, exitOnSignals } from '@o11y-demo/telemetry';
import { PORTS } from '@o11y-demo/topology';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import next from 'next';
import { screenNextRequest } from './next-edge-rules';

/**
 * The frontend's server: Next.js's request handler behind the shared HTTP
 * edge, so that what Next.js would answer with a 500 or a bare status (TRACE,
 * a bad percent-encoding, malformed HTTP) gets a JSON answer, and the HTTP
 * instrumentation sees every one of them as a server span.
 *
 * Compiled to dist/serve.js (tsconfig.server.json); it serves the
 * build in the folder above it, the frontend's own or the standalone one of
 * the Docker image.
 */

const dir = path.join(__dirname, '..');
const port = Number(process.env.PORT ?? PORTS.frontend);
const hostname = process.env.HOST ?? '127.0.0.1';

/** The config `next build` wrote: a standalone build has no next.config.ts to read. */
function builtConfig(): Record<string, unknown> | undefined {
  const file = path.join(dir, '.next', 'required-server-files.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { config: Record<string, unknown> }).config;
}

async function serve(): Promise<void> {
  const app = next({ dev: false, dir, hostname, port, conf: builtConfig() });
  const handle = app.getRequestHandler();
  // prepare() runs src/instrumentation.ts, which starts the telemetry. Node's http was loaded
  // before that, and the HTTP instrumentation patches it on the next require: this one, before
  // the server exists, so every request (a rejected one too) becomes a server span.
  await app.prepare();
  await import('node:http');
  const server = createEdgeServer(
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        console.error('request failed', error);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'internal_error', message: 'the page server failed on this request' }));
      });
    },
    { serviceName: 'frontend', screen: screenNextRequest },
  );
  server.listen(port, hostname, () => console.log(`frontend listening on http://${hostname}:${port}`));
  exitOnSignals({
    steps: [
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    ],
    onError: (message, error) => console.error(message, error),
  });
}

serve().catch((error: unknown) => {
  console.error('the frontend could not start', error);
  process.exit(1);
});
