import { z } from 'zod';
import { httpUrl, LOCAL_URLS, LOOPBACK, PORTS } from '@o11y-demo/topology';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Workshop tools drive load and flip failure switches, so they only ever talk
 * to the stack on this machine: a mistyped URL must not load someone else's server.
 */
const LocalUrl = (variable: string) =>
  z
    .url({ protocol: /^https?$/, message: `${variable} must be an http URL such as ${httpUrl(PORTS.nodeApi, LOOPBACK)}` })
    .refine((value) => LOOPBACK_HOSTS.has(new URL(value).hostname), {
      message: `${variable} must point at this machine (localhost, 127.0.0.1 or [::1]): the workshop tools only drive the local stack`,
    })
    .transform((value) => value.replace(/\/+$/, ''));

const TargetsEnv = z.object({
  WORKSHOP_NODE_API_URL: LocalUrl('WORKSHOP_NODE_API_URL').default(httpUrl(PORTS.nodeApi, LOOPBACK)),
  WORKSHOP_FRONTEND_URL: LocalUrl('WORKSHOP_FRONTEND_URL').default(LOCAL_URLS.frontend),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
});

export interface WorkshopTargets {
  readonly nodeApi: string;
  readonly frontend: string;
  readonly chromium: string;
}

export function readTargets(env: NodeJS.ProcessEnv = process.env): WorkshopTargets {
  const parsed = TargetsEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  return { nodeApi: parsed.data.WORKSHOP_NODE_API_URL, frontend: parsed.data.WORKSHOP_FRONTEND_URL, chromium: parsed.data.CHROMIUM_PATH };
}
