import { trace } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

/** Upper bound for added latency: long enough to show a slow span, short of client timeouts. */
const MAX_DELAY_MS = 10_000;

export interface FaultSettings {
  delayMs: number;
  failRate: number;
}

/** The failure a trainer asked for with `failRate`; reported as a 500 like any bug would be. */
export class InjectedFailure extends Error {
  override name = 'InjectedFailure';
}

export type FaultParseResult =
  | { ok: true; settings: FaultSettings }
  | { ok: false; parameter: 'delayMs' | 'failRate'; message: string };

const DELAY_MESSAGE = `delayMs must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`;
const FAIL_RATE_MESSAGE = 'failRate must be a probability from 0 to 1';

// Query values arrive as strings; the patterns reject what Number() would quietly
// accept ("", " ", "0x10", "1e3") so a typo gets a 400 instead of a surprise.
const FaultQuery = z.object({
  delayMs: z
    .string(DELAY_MESSAGE)
    .regex(/^\d{1,6}$/, DELAY_MESSAGE)
    .transform(Number)
    .pipe(z.number().max(MAX_DELAY_MS, DELAY_MESSAGE))
    .optional(),
  failRate: z
    .string(FAIL_RATE_MESSAGE)
    .regex(/^(\d{1,3}(\.\d{0,6})?|\.\d{1,6})$/, FAIL_RATE_MESSAGE)
    .transform(Number)
    .pipe(z.number().max(1, FAIL_RATE_MESSAGE))
    .optional(),
});

/**
 * The environment defaults a trainer sets to make a whole service slow or
 * flaky (`DEFAULT_DELAY_MS`, `DEFAULT_FAIL_RATE`); spread into a service's env schema.
 */
export const FaultDefaultsEnv = {
  DEFAULT_DELAY_MS: z.coerce
    .number({ message: 'DEFAULT_DELAY_MS must be a number of milliseconds' })
    .int('DEFAULT_DELAY_MS must be a whole number of milliseconds')
    .min(0, `DEFAULT_DELAY_MS must be between 0 and ${MAX_DELAY_MS}`)
    .max(MAX_DELAY_MS, `DEFAULT_DELAY_MS must be between 0 and ${MAX_DELAY_MS}`)
    .default(0),
  DEFAULT_FAIL_RATE: z.coerce
    .number({ message: 'DEFAULT_FAIL_RATE must be a number' })
    .min(0, 'DEFAULT_FAIL_RATE must be between 0 and 1 (a probability)')
    .max(1, 'DEFAULT_FAIL_RATE must be between 0 and 1 (a probability)')
    .default(0),
};

/** Validates `delayMs` and `failRate`; parameters left out take the service's defaults. */
export function parseFaultQuery(query: Record<string, unknown>, defaults: FaultSettings): FaultParseResult {
  const parsed = FaultQuery.safeParse({ delayMs: query.delayMs, failRate: query.failRate });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = issue?.path[0] === 'failRate' ? 'failRate' : 'delayMs';
    return { ok: false, parameter, message: issue?.message ?? DELAY_MESSAGE };
  }
  return {
    ok: true,
    settings: {
      delayMs: parsed.data.delayMs ?? defaults.delayMs,
      failRate: parsed.data.failRate ?? defaults.failRate,
    },
  };
}

/** Waits, then fails with the given probability; both show on the active span. */
export async function applyFaults({ delayMs, failRate }: FaultSettings, random: () => number = Math.random): Promise<void> {
  if (delayMs === 0 && failRate === 0) return;
  trace.getActiveSpan()?.setAttributes({ 'demo.fault.delay_ms': delayMs, 'demo.fault.fail_rate': failRate });
  if (delayMs > 0) await sleep(delayMs);
  if (random() < failRate) throw new InjectedFailure(`Injected failure (failRate=${failRate})`);
}
