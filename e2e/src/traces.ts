import { expect } from '@playwright/test';
import type { TraceSpan } from '@o11y-demo/telemetry-query';
import { backends } from './backends';

export { findSpan, isAncestor, type TraceSpan } from '@o11y-demo/telemetry-query';

/**
 * Polls the trace store until the trace satisfies `isComplete` (spans of one trace
 * arrive from several processes, each on its own export schedule), then returns its spans.
 */
export async function waitForTrace(
  traceId: string,
  isComplete: (spans: TraceSpan[]) => boolean,
  description: string,
  timeout = 30_000,
): Promise<TraceSpan[]> {
  const { traceStore } = await backends();
  let spans: TraceSpan[] = [];
  await expect
    .poll(
      async () => {
        spans = (await traceStore.getTrace(traceId)) ?? [];
        return isComplete(spans);
      },
      { timeout, message: `trace ${traceId} in ${traceStore.displayName} (${traceStore.traceApiUrl(traceId)}): ${description}` },
    )
    .toBe(true);
  return spans;
}
