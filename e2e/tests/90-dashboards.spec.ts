import { expect, test } from '@playwright/test';
import { readDashboardQueries, resolveGrafanaVariables } from '../src/dashboards';
import { backends } from '../src/backends';
import { isReachable, targets } from '../src/targets';

// Runs last: the earlier specs produced the traffic (fetches, errors, browser events) every panel shows.
test('every PromQL expression in the dashboards returns data', async () => {
  const queries = readDashboardQueries();
  expect(queries.length, 'dashboards hold PromQL queries').toBeGreaterThan(5);

  const { metricStore } = await backends();
  await expect
    .poll(
      async () => {
        const empty: string[] = [];
        for (const query of queries) {
          const result = await metricStore.query(resolveGrafanaVariables(query.expr));
          if (result.length === 0) empty.push(`${query.dashboard} / ${query.panel}: ${query.expr}`);
        }
        return empty;
      },
      { timeout: 30_000, message: 'dashboard panels without data' },
    )
    .toEqual([]);
});

test('Grafana, when it runs, reports healthy datasources and loads the dashboards', async ({ request }) => {
  test.skip(!(await isReachable(`${targets.grafana}/api/health`)), `Grafana is not running at ${targets.grafana} (the native stack starts it only when GRAFANA_BIN is set)`);
  const auth = { Authorization: `Basic ${Buffer.from(`admin:${process.env.GF_SECURITY_ADMIN_PASSWORD ?? 'admin'}`).toString('base64')}` };
  for (const uid of ['prometheus', 'tempo', 'quickwit']) {
    const health = await request.get(`${targets.grafana}/api/datasources/uid/${uid}/health`, { headers: auth });
    expect(health.ok(), `datasource ${uid} health: ${await health.text()}`).toBe(true);
  }
  const search = await request.get(`${targets.grafana}/api/search?type=dash-db`, { headers: auth });
  const titles = ((await search.json()) as { title: string }[]).map((d) => d.title);
  expect(titles).toEqual(expect.arrayContaining(['Services', 'Frontend RUM', 'Logs']));
});
