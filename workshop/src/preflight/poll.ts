/**
 * Calls `attempt` until it returns a value or the deadline passes; the error
 * then says what was awaited and what the last attempt saw, which is what a
 * trainer needs to fix the machine.
 */
export async function pollFor<T>(what: string, timeoutMs: number, attempt: () => Promise<T | string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastSeen: string;
  for (;;) {
    try {
      const result = await attempt();
      if (typeof result !== 'string') return result;
      lastSeen = result;
    } catch (error) {
      lastSeen = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s (last seen: ${lastSeen})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
