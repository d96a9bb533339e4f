export interface LoadResult {
  readonly requests: number;
  readonly failures: number;
  readonly durationMs: number;
}

/**
 * A fixed number of concurrent request loops for a fixed time: bounded on
 * both axes so the benchmark measures the stack, not a runaway client.
 */
export async function runSteadyLoad(url: string, durationMs: number, concurrency: number, onTick?: () => void): Promise<LoadResult> {
  const end = Date.now() + durationMs;
  let requests = 0;
  let failures = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < end) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
        await response.body?.cancel();
        if (!response.ok) failures++;
      } catch {
        failures++;
      }
      requests++;
    }
  };
  const ticker = onTick === undefined ? undefined : setInterval(onTick, 5000);
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  clearInterval(ticker);
  return { requests, failures, durationMs: Date.now() - started };
}
