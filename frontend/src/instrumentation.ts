import packageJson from '../package.json';

/**
 * Next.js calls this once when the server starts. The Node server is traced as
 * service `frontend` with the setup every Node service of the demo shares;
 * Next.js adds its own spans (`GET /`, `render route (app) /`) on top. The
 * HTTP guard answers the malformed requests Next.js itself would answer with
 * a 500 or a bare status (src/server/http-guard.ts).
 */
export async function register(): Promise<void> {
  // The edge runtime has no Node APIs to instrument.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startTelemetry } = await import('@o11y-demo/telemetry');
  startTelemetry({ serviceName: 'frontend', serviceVersion: packageJson.version });
  const { installHttpGuard } = await import('./server/http-guard');
  installHttpGuard();
}
