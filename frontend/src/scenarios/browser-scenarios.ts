import type { ScenarioName } from '@o11y-demo/scenarios';
import type { Tracer } from '@opentelemetry/api';
import { ATTR_DEMO_BLOCKED_MS } from '../telemetry/attribute-names';

// Type-only imports: the names are checked against the catalog at compile
// time, while the package itself (CommonJS, with zod) stays out of the
// browser bundle.
export const LAYOUT_SHIFT: ScenarioName = 'layout-shift';
export const LONG_TASK: ScenarioName = 'long-task';

/** What the catalog promises for `long-task`: ~300 ms, enough to push INP past 200 ms ("needs improvement"). */
const LONG_TASK_MS = 300;

/**
 * How long after a result the `layout-shift` banner appears. Chrome leaves a
 * shift out of CLS when it follows an input within 500 ms (the visitor
 * expects the page to move then), so the banner must come later than that
 * to count, as the late ads and notices it imitates do.
 */
export const LATE_BANNER_DELAY_MS = 1000;

/**
 * A busy loop, not a timer: only code that holds the main thread delays the
 * next paint, and so INP. Everything the click would do waits behind it.
 */
function blockMainThread(durationMs: number): void {
  const until = performance.now() + durationMs;
  while (performance.now() < until) {
    // The condition is the work.
  }
}

/**
 * The `long-task` scenario's block, in a span of its own under the click:
 * the trace then shows where the click's time went, as a profiler would.
 */
export function runLongTask(tracer: Tracer): void {
  tracer.startActiveSpan('scenario: long task', { attributes: { [ATTR_DEMO_BLOCKED_MS]: LONG_TASK_MS } }, (span) => {
    try {
      blockMainThread(LONG_TASK_MS);
    } finally {
      span.end();
    }
  });
}
