import type { BrowserCounters } from './browser-sessions';
import type { HttpLoadCounters } from './http-load';

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** `02:41  http 10.0 req/s  1 610 sent  3 errors (+81 planned /error)  browsers 2: 57 clicks  scenarios: slow-query` */
export function formatProgress(
  elapsedMs: number,
  http: HttpLoadCounters,
  ratePerSecond: number,
  browsers: BrowserCounters,
  activeScenarios: readonly string[] | undefined,
): string {
  const scenarios = activeScenarios === undefined ? 'unknown (node-api not answering)' : activeScenarios.length === 0 ? 'none' : activeScenarios.join(', ');
  return [
    clock(elapsedMs),
    `http ${ratePerSecond.toFixed(1)} req/s`,
    `${http.sent} sent`,
    `${http.errors} errors (+${http.plannedErrors} planned /error)`,
    `browsers ${browsers.sessions}: ${browsers.clicks} clicks${browsers.failures > 0 ? `, ${browsers.failures} failed` : ''}`,
    `scenarios: ${scenarios}`,
  ].join('  ');
}
