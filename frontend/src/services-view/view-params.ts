import { z } from 'zod';

/**
 * The windows the view offers, each with the step of its charts: about 20 to
 * 60 points, so a chart is detailed and its range query cheap. The longest
 * is the cap: span metrics of a workshop day, not of a month.
 */
export const WINDOWS = {
  '5m': { seconds: 300, stepS: 15 },
  '15m': { seconds: 900, stepS: 15 },
  '30m': { seconds: 1_800, stepS: 30 },
  '1h': { seconds: 3_600, stepS: 60 },
  '3h': { seconds: 10_800, stepS: 180 },
  '6h': { seconds: 21_600, stepS: 360 },
} as const;

export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];
const DEFAULT_WINDOW: WindowName = '15m';

/** What `service.name` looks like in this demo and in most others; anything else is refused, not quoted into PromQL. */
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const params = z.object({
  window: z
    .enum(WINDOW_NAMES as [WindowName, ...WindowName[]], { error: `window: expected one of ${WINDOW_NAMES.join(', ')}` })
    .default(DEFAULT_WINDOW),
  service: z
    .string()
    .regex(SERVICE_NAME, { error: 'service: expected a service name (1-64 letters, digits, ".", "_" or "-", starting with a letter or digit)' })
    .optional(),
});

export type ServicesViewParams = z.output<typeof params>;

export type ParsedParams = { ok: true; value: ServicesViewParams } | { ok: false; message: string };

/**
 * Reads `?window=15m&service=worker`. Each parameter may appear once; with
 * `strict`, any other parameter is refused (the API route), without it left
 * alone (the page, whose URL also carries Next.js's own parameters).
 */
export function parseViewParams(search: URLSearchParams, strict: boolean): ParsedParams {
  const problems: string[] = [];
  const raw: Record<string, string> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    if (key !== 'window' && key !== 'service') {
      if (strict) problems.push(`"${key.slice(0, 40)}" is not a parameter: expected only window and service`);
      continue;
    }
    if (values.length > 1) problems.push(`${key}: given ${values.length} times, expected once`);
    else if (values[0] !== '') raw[key] = values[0] ?? '';
  }
  const parsed = params.safeParse(raw);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
  if (problems.length > 0 || !parsed.success) return { ok: false, message: problems.join('; ') };
  return { ok: true, value: parsed.data };
}

/** The query string of a view, for links between windows and services. */
export function viewHref(view: { window: WindowName; service?: string | undefined }): string {
  const search = new URLSearchParams({ window: view.window });
  if (view.service !== undefined) search.set('service', view.service);
  return `/services?${search}`;
}
