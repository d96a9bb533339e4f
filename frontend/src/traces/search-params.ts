import { TAG_KEY_PATTERN, TRACE_SEARCH_BOUNDS, type TraceQuery } from '@o11y-demo/telemetry-query';
import { z } from 'zod';

/**
 * The trace search's query string, shared by the page (`/traces?...`, so a
 * search is a link) and the API route (`/api/traces?...`):
 *
 *   service=worker  operation=SELECT%20inventory  tag=demo.scenarios%3Dslow-query (repeatable)
 *   minDuration=500ms  maxDuration=2s  lookback=15m  limit=20  error=true
 *
 * Durations are a number and a unit (us, ms, s, m, h, d). Each parameter but
 * `tag` may appear once; the bounds are the query package's TRACE_SEARCH_BOUNDS.
 */
const SEARCH_PARAM_NAMES = ['service', 'operation', 'tag', 'minDuration', 'maxDuration', 'lookback', 'limit', 'error'] as const;

const UNIT_MS = { us: 0.001, ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(us|ms|s|m|h|d)$/;

/** "500ms" -> 500, "1.5s" -> 1500; undefined for anything else. */
function parseDurationText(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return Number.isFinite(value) ? value : undefined;
}

const maxText = TRACE_SEARCH_BOUNDS.maxTextLength;
const maxLookbackText = `${TRACE_SEARCH_BOUNDS.maxLookbackMs / UNIT_MS.d}d`;

const text = (name: string) =>
  z
    .string()
    .max(maxText, { error: `${name}: expected at most ${maxText} characters` })
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: `${name}: expected printable text` });

const duration = (name: string) =>
  z.string().transform((value, context) => {
    const ms = parseDurationText(value);
    if (ms === undefined) {
      context.addIssue({ code: 'custom', message: `${name}: expected a duration such as 500ms, 1.5s or 2m (units us, ms, s, m, h, d)` });
      return z.NEVER;
    }
    return { text: value.trim(), ms };
  });

const tag = z.string().transform((value, context) => {
  const equals = value.indexOf('=');
  const key = equals > 0 ? value.slice(0, equals).trim() : '';
  const wanted = equals > 0 ? value.slice(equals + 1) : '';
  if (!TAG_KEY_PATTERN.test(key) || key.length > maxText || wanted === '' || wanted.length > maxText) {
    context.addIssue({
      code: 'custom',
      message: `tag: expected key=value, such as demo.scenarios=slow-query (a key of letters, digits, "_" and "."; a value of 1 to ${maxText} characters)`,
    });
    return z.NEVER;
  }
  return { key, value: wanted };
});

const paramsSchema = z
  .object({
    service: text('service').optional(),
    operation: text('operation').optional(),
    tag: z.array(tag).max(TRACE_SEARCH_BOUNDS.maxTags, { error: `tag: expected at most ${TRACE_SEARCH_BOUNDS.maxTags}` }).default([]),
    minDuration: duration('minDuration').optional(),
    maxDuration: duration('maxDuration').optional(),
    lookback: duration('lookback')
      .refine((value) => value.ms >= 1_000 && value.ms <= TRACE_SEARCH_BOUNDS.maxLookbackMs, {
        error: `lookback: expected from 1s to ${maxLookbackText}`,
      })
      .default({ text: '1h', ms: TRACE_SEARCH_BOUNDS.defaultLookbackMs }),
    limit: z
      .string()
      .regex(/^\d{1,12}$/, { error: `limit: expected a whole number from 1 to ${TRACE_SEARCH_BOUNDS.maxLimit}` })
      .transform(Number)
      .refine((value) => value >= 1 && value <= TRACE_SEARCH_BOUNDS.maxLimit, { error: `limit: expected from 1 to ${TRACE_SEARCH_BOUNDS.maxLimit}` })
      .default(TRACE_SEARCH_BOUNDS.defaultLimit),
    error: z.enum(['true', 'false'], { error: 'error: expected true or false' }).transform((value) => value === 'true').default(false),
  })
  .refine((value) => !value.minDuration || !value.maxDuration || value.maxDuration.ms >= value.minDuration.ms, {
    error: 'maxDuration: expected at least minDuration',
  });

export type TraceSearchParams = z.output<typeof paramsSchema>;
export type ParsedSearch = { ok: true; value: TraceSearchParams } | { ok: false; message: string };

/**
 * Reads the query string. With `strict` (the API route) an unknown parameter
 * is refused; without it (the page, whose URL may carry others) it is left alone.
 */
export function parseSearchParams(search: URLSearchParams, strict: boolean): ParsedSearch {
  const problems: string[] = [];
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    if (!(SEARCH_PARAM_NAMES as readonly string[]).includes(key)) {
      if (strict) problems.push(`"${key.slice(0, 40)}" is not a parameter: expected ${SEARCH_PARAM_NAMES.join(', ')}`);
      continue;
    }
    const values = search.getAll(key).filter((value) => value !== '');
    if (key === 'tag') raw[key] = values;
    else if (values.length > 1) problems.push(`${key}: given ${values.length} times, expected once`);
    else if (values[0] !== undefined) raw[key] = values[0];
  }
  const parsed = paramsSchema.safeParse(raw);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
  if (problems.length > 0 || !parsed.success) return { ok: false, message: problems.join('; ') };
  return { ok: true, value: parsed.data };
}

/** The store-neutral query of a search, its window ending `nowUnixMs`. */
export function toTraceQuery(params: TraceSearchParams, nowUnixMs: number): TraceQuery {
  return {
    service: params.service,
    operation: params.operation,
    tags: Object.fromEntries(params.tag.map(({ key, value }) => [key, value])),
    minDurationMs: params.minDuration?.ms,
    maxDurationMs: params.maxDuration?.ms,
    errorOnly: params.error,
    startUnixMs: nowUnixMs - params.lookback.ms,
    endUnixMs: nowUnixMs,
    limit: params.limit,
  };
}
