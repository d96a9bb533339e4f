class NeverHealthyError extends Error {}

/** One probe: any 2xx within a second counts as healthy. */
export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

export interface HealthWaitOptions {
  readonly timeoutMs: number;
  /** Stops waiting as soon as the process is gone: no point polling a corpse for two minutes. */
  readonly hasExited: () => boolean;
  readonly intervalMs?: number;
}

export async function waitForHealthy(url: string, options: HealthWaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 200;
  for (;;) {
    if (await isHealthy(url)) return;
    if (options.hasExited()) throw new NeverHealthyError(`stopped before ${url} answered`);
    if (Date.now() > deadline) throw new NeverHealthyError(`${url} did not answer with 2xx within ${Math.round(options.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
