import * as z from 'zod/mini';

/**
 * The wire form of node-api's answer to GET, PUT and DELETE on /scenarios,
 * for every client that reads it (the page's panel, the workshop's CLI).
 * zod/mini keeps it small enough for the browser bundle. `service` and
 * `active` stay plain strings: a scenario or service added to the catalog
 * later must not make an older client refuse the whole list.
 */
export const ScenarioListSchema = z.object({
  scenarios: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      service: z.string(),
      description: z.string(),
      signals: z.array(z.string()),
      active: z.boolean(),
    }),
  ),
  active: z.array(z.string()),
});

export type ScenarioList = z.infer<typeof ScenarioListSchema>;
