import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';

/**
 * The SDK reports export failures through `diag`. A visitor's console is not
 * the place for them: warnings and errors go to `console.debug` (hidden unless
 * DevTools shows "Verbose"), each distinct message once.
 */
export function installQuietDiagLogger(): void {
  const seen = new Set<string>();
  const once = (message: string, ...args: unknown[]) => {
    if (seen.has(message)) return;
    seen.add(message);
    console.debug(`[otel] ${message}`, ...args);
  };
  const ignore = () => {};
  const logger: DiagLogger = {
    error: once,
    warn: once,
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
