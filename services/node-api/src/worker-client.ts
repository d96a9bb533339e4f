import { z } from 'zod';

const InventoryItem = z.object({ sku: z.string(), name: z.string(), quantity: z.number() });
const WorkerData = z.object({
  service: z.literal('worker'),
  items: z.array(InventoryItem),
  summary: z.object({ totalQuantity: z.number(), checksum: z.string() }),
});
export type WorkerData = z.infer<typeof WorkerData>;

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

export interface WorkerClient {
  fetchData(): Promise<WorkerData>;
  isReachable(): Promise<boolean>;
}

/**
 * Calls the worker with the global fetch. The undici instrumentation makes each
 * call a CLIENT span and injects `traceparent`, so the worker's server span
 * becomes its child in the same trace.
 */
export function createWorkerClient(workerUrl: string): WorkerClient {
  return {
    async fetchData() {
      let response: Response;
      try {
        response = await fetch(`${workerUrl}/data`, { signal: AbortSignal.timeout(DATA_TIMEOUT_MS) });
      } catch (error) {
        throw new WorkerError(`worker unreachable at ${workerUrl}: ${describe(error)}`, undefined, { cause: error });
      }
      const body: unknown = await response.json().catch(() => undefined);
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
