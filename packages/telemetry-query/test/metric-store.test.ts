import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BackendError, createMetricStore } from '../src/index';
import { startFakeBackend, type FakeBackend } from '../testing/fake-backend';

describe('Prometheus (fake API)', () => {
  let fake: FakeBackend;
  before(async () => {
    fake = await startFakeBackend();
  });
  after(() => fake.close());

  it('POSTs instant queries and reads vectors and scalars', async () => {
    const store = createMetricStore(fake.url);
    fake.route('POST /api/v1/query', (request) =>
      new URLSearchParams(request.body).get('query') === 'scalar(1)'
        ? { body: { status: 'success', data: { resultType: 'scalar', result: [1782900000.5, '1'] } } }
        : {
            body: {
              status: 'success',
              data: {
                resultType: 'vector',
                result: [
                  { metric: { service_name: 'node-api' }, value: [1782900000.5, '3'] },
                  { metric: { service_name: 'worker' }, value: [1782900000.5, '4.5'] },
                ],
              },
            },
          },
    );
    const samples = await store.query('sum by (service_name) (rate(http_server_request_duration_seconds_count[1m]))');
    assert.deepEqual(samples[0], { metric: { service_name: 'node-api' }, value: [1782900000.5, '3'] });
    assert.equal(fake.requests.at(-1)?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(await store.queryTotal('anything'), 7.5);
    assert.deepEqual(await store.query('scalar(1)'), [{ metric: {}, value: [1782900000.5, '1'] }]);
  });

  it('reports a bad query with Prometheus\'s own error', async () => {
    fake.route('POST /api/v1/query', { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error' } });
    await assert.rejects(createMetricStore(fake.url).query('sum('), (error: unknown) => {
      assert.ok(error instanceof BackendError);
      assert.equal(error.status, 400);
      assert.match(error.message, /^Prometheus: POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query \(sum\(\) answered HTTP 400: bad_data: invalid parameter/);
      return true;
    });
    fake.route('POST /api/v1/query', { status: 502, body: 'Bad Gateway' });
    await assert.rejects(createMetricStore(fake.url).query('up'), /answered HTTP 502: Bad Gateway/);
  });

  it('refuses range results in query()', async () => {
    fake.route('POST /api/v1/query', { body: { status: 'success', data: { resultType: 'matrix', result: [] } } });
    await assert.rejects(createMetricStore(fake.url).query('up[5m]'), /is a matrix, not an instant vector/);
  });

  it('POSTs range queries and reads matrices', async () => {
    const matrix = [{ metric: { service_name: 'worker' }, values: [[1782900000, '0.5'], [1782900015, 'NaN']] }];
    fake.route('POST /api/v1/query_range', { body: { status: 'success', data: { resultType: 'matrix', result: matrix } } });
    assert.deepEqual(await createMetricStore(fake.url).queryRange('rate(x[1m])', 1782900000, 1782900015, 15), matrix);
    const form = new URLSearchParams(fake.requests.at(-1)?.body);
    assert.deepEqual([form.get('query'), form.get('start'), form.get('end'), form.get('step')], ['rate(x[1m])', '1782900000', '1782900015', '15']);
    fake.route('POST /api/v1/query_range', { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'exceeded maximum resolution of 11,000 points per timeseries' } });
    await assert.rejects(createMetricStore(fake.url).queryRange('up', 0, 1e9, 1), /answered HTTP 400: bad_data: exceeded maximum resolution/);
  });

  it('reads exemplars', async () => {
    const series = [
      {
        seriesLabels: { __name__: 'traces_span_metrics_duration_seconds_bucket', service_name: 'node-api' },
        exemplars: [{ labels: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }, value: '0.012', timestamp: 1782900000.123 }],
      },
    ];
    fake.route('POST /api/v1/query_exemplars', { body: { status: 'success', data: series } });
    assert.deepEqual(await createMetricStore(fake.url).queryExemplars('traces_span_metrics_duration_seconds_bucket', 1782899900, 1782900000), series);
    const form = new URLSearchParams(fake.requests.at(-1)?.body);
    assert.equal(form.get('start'), '1782899900');
    assert.equal(form.get('end'), '1782900000');
  });

  it('is ready on /-/ready and links to its query page', async () => {
    fake.route('GET /-/ready', { body: 'Prometheus Server is Ready.\n' });
    const store = createMetricStore(`${fake.url}/`);
    assert.equal(await store.isReady(), true);
    assert.equal(store.graphUrl('rate(x[1m])'), `${fake.url}/query?g0.expr=rate%28x%5B1m%5D%29&g0.tab=graph&g0.range_input=15m&g0.show_exemplars=1`);
  });
});
