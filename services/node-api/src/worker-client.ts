import { z } from 'zod';

const InventoryItem = z.object({ sku: z.string(), name: z.string(), quantity: z.number() });
const WorkerData = z.object({
  service: z.literal('worker'),
  items: z.array(InventoryItem),
  summary: z.object({ totalQuantity: z.number(), checksum: z.string() }),
});
type WorkerData = z.infer<typeof WorkerData>;

/** The worker may itself be slowed by up to 10 s of injected delay; wait a little longer than that. */
const DATA_TIMEOUT_MS = 12_000;
const HEALTH_TIMEOUT_MS = 2_000;

/** The worker failed, answered with an error, or sent something that is not its /data response. */
export class WorkerError extends Error {
  override name = 'WorkerError';
  constructor(message: string, readonly workerStatus?: number, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The worker did not send its whole /data answer within the time node-api was willing to wait. */
export class WorkerTimeoutError extends WorkerError {
  override name = 'WorkerTimeoutError';
  constructor(readonly timeoutMs: number, url: string, options?: ErrorOptions) {
    super(`worker did not answer ${url} within ${timeoutMs} ms`, undefined, options);
  }
}

interface FetchDataOptions {
  /** How long to wait for the whole answer (headers and body); DATA_TIMEOUT_MS when left out. */
  timeoutMs?: number;
}

export interface WorkerClient {
  fetchData(options?: FetchDataOptions): Promise<WorkerData>;
  isReachable(): Promise<boolean>;
}

/**
 * Calls the worker with the global fetch. The undici instrumentation makes each
 * call a CLIENT span and injects `traceparent` and `baggage` from the active
 * context, so the worker's server span becomes its child in the same trace.
 * A timeout aborts the request, which ends that CLIENT span in error.
 */
export function createWorkerClient(workerUrl: string): WorkerClient {
  return {
    async fetchData({ timeoutMs = DATA_TIMEOUT_MS } = {}) {
      const url = `${workerUrl}/data`;
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetch(url, { signal });
      } catch (error) {
        if (signal.aborted) throw new WorkerTimeoutError(timeoutMs, url, { cause: error });
        throw new WorkerError(`worker unreachable at ${workerUrl}: ${describe(error)}`, undefined, { cause: error });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        // The timeout also covers the body: a worker that sends headers and then stalls is as late as a silent one.
        if (signal.aborted) throw new WorkerTimeoutError(timeoutMs, url, { cause: error });
        body = undefined;
      }
      if (!response.ok) {
        const message = z.object({ message: z.string() }).safeParse(body).data?.message ?? 'no message';
        throw new WorkerError(`worker answered ${response.status}: ${message}`, response.status);
      }
      const data = WorkerData.safeParse(body);
      if (!data.success) throw new WorkerError('worker sent a response that is not its /data payload', response.status);
      return data.data;
    },

    async isReachable() {
      try {
        const response = await fetch(`${workerUrl}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
        await response.arrayBuffer();
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
