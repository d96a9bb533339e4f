import { trace } from '@opentelemetry/api';
import type { PublicConfig } from '../config/public-config';
import { APP_SCOPE } from './app-scope';
import { captureBrowserExceptions } from './browser-errors';
import { startLogging } from './logging';
import { installQuietDiagLogger } from './quiet-diag-logger';
import { createBrowserResource } from './resource';
import { getSessionId } from './session';
import { startTracing } from './tracing';
import { reportWebVitals } from './web-vitals';

let started = false;

/**
 * Starts browser telemetry once per page. It runs before React hydrates
 * (instrumentation-client.ts), so the click listeners React installs are
 * already seen by the user-interaction instrumentation.
 */
export function startBrowserTelemetry(config: PublicConfig): void {
  if (started) return;
  started = true;

  installQuietDiagLogger();
  const resource = createBrowserResource(config);
  const sessionId = getSessionId();
  const tracerProvider = startTracing(config, resource, sessionId);
  const loggerProvider = startLogging(config, resource, sessionId);

  const logger = loggerProvider.getLogger(APP_SCOPE);
  // Hiding the page is the last moment it surely runs code: send what is still
  // batched, spans of the last click included, not only the final web vitals.
  reportWebVitals(logger, () => {
    void tracerProvider.forceFlush();
    void loggerProvider.forceFlush();
  });
  captureBrowserExceptions(trace.getTracer(APP_SCOPE), logger);
}
