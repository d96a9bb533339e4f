import packageJson from '../package.json';

/**
 * Next.js calls this once when the server starts. The Node server is traced as
 * service `frontend` with the setup every Node service of the demo shares;
 * Next.js adds its own spans (`GET /`, `render route (app) /`) on top. It
 * runs inside `app.prepare()` of the server (src/server/serve.ts), before
 * that server exists, so the HTTP instrumentation sees every request.
 */
export async function register(): Promise<void> {
  // The edge runtime has no Node APIs to instrument.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startTelemetry } = await import('@o11y-demo/telemetry');
  startTelemetry({ serviceName: 'frontend', serviceVersion: packageJson.version });
}
