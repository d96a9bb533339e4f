import { expect, test } from '@playwright/test';
import { backends } from '../src/backends';
import { expectExemplarTraceInStore } from '../src/exemplars';
import { clickAction, openDemo } from './demo-page';

const REQUESTS = 'http_server_request_duration_seconds_count{service_name=~"node-api|worker", http_route="/data"}';

/** Request count per series: each service process has its own series (its `instance`). */
async function requestCounts(): Promise<Map<string, { service: string; count: number }>> {
  const series = new Map<string, { service: string; count: number }>();
  const { metricStore } = await backends();
  for (const sample of await metricStore.query(REQUESTS))
    series.set(JSON.stringify(sample.metric), { service: sample.metric.service_name ?? '', count: Number(sample.value[1]) });
  return series;
}

test('request-duration series of node-api and worker grow after clicks', async ({ page }) => {
  const before = await requestCounts();
  await openDemo(page);
  const clicks = 3;
  for (let i = 0; i < clicks; i++) await clickAction(page, 'fetch-data');

  // Growth is summed per series, not over a sum of series: a series of an earlier,
  // stopped process leaves the query once Prometheus's lookback passes its last
  // sample, and must not count as a drop. The smaller of the two services' growth
  // is taken: both must have counted every click.
  const growth = async () => {
    const grown: Record<string, number> = { 'node-api': 0, worker: 0 };
    for (const [key, { service, count }] of await requestCounts()) grown[service] = (grown[service] ?? 0) + count - (before.get(key)?.count ?? 0);
    return Math.min(grown['node-api']!, grown.worker!);
  };
  await expect.poll(growth, { timeout: 30_000, message: `${REQUESTS} grows by ${clicks} per service` }).toBeGreaterThanOrEqual(clicks);
});

test('span-metric exemplars carry trace ids that the trace store resolves', async ({ page }) => {
  await openDemo(page);
  // Only exemplars recorded after this click count (see expectExemplarTraceInStore).
  const clickedAtS = Date.now() / 1000 - 1;
  await clickAction(page, 'fetch-data');

  await expectExemplarTraceInStore('traces_span_metrics_duration_seconds_bucket{service_name="node-api"}', clickedAtS);
});
