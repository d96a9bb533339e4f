// Checks collector/ with the collector binary built from
// collector/builder-config.yaml:
// - `validate` accepts config.yaml;
// - the binary contains every component the config uses, and the manifest
//   lists nothing the config does not use;
// - the collector starts with the config (on free ports, so it cannot clash
//   with a running stack), turns healthy on its health_check endpoint and logs
//   no deprecation warning;
// - end to end into the native stack's real backends, each started with its
//   committed configuration on free ports: Jaeger (jaeger/config.yaml) gets
//   the trace, VictoriaLogs the log records (found by trace id), Prometheus
//   the span metrics with exemplars, the service graph and the RUM metrics
//   derived from browser log records, under the names the dashboards and
//   alerts use;
// - every process those checks start listens on loopback only;
// - every exporter's queue is sized in items, as config.yaml says;
// - CORS on OTLP/HTTP: the frontend's origins (the defaults in config.yaml)
//   get Access-Control-Allow-Origin on preflight and POST, other origins none;
// - the pipeline alerts (prometheus/rules/alerts.yml) fire on the real
//   collector's own metrics, scraped by a real Prometheus, for each way the
//   collector drops data: retries ran out, queue full, refused by the backend.
//
// Binaries: OTELCOL_BIN, PROMETHEUS_BIN, JAEGER_BIN, VICTORIALOGS_BIN when set,
// otherwise the stack's own build (`npx tsx stack/src/cli.ts build`).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { requireBinary } from './support/backend-binary';
import { freePort, poll, root, run, startAndWait, stop, type StartedProcess } from './support/processes';
import { JAEGER_ARGS, PROMETHEUS_FEATURES, victoriaLogsArgs } from '../src/run/stack-plan';
import { exposedSockets, listComponentSockets } from '../src/run/listening-sockets';

const collectorDir = join(root, 'collector');
const CONFIG = join(collectorDir, 'config.yaml');

type Started = { child: ChildProcess; output: () => string; ports: Record<string, number> };

/** Starts the collector on free ports; backends point where the caller says (an `undefined` value unsets a variable). */
async function startCollector(configs: string[], backends: Record<string, string | undefined>, queueDir: string): Promise<Started> {
  const binary = requireBinary('OTELCOL_BIN');
  const [grpc, httpPort, health, metrics] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  let output = '';
  const child = spawn(binary, configs.flatMap((c) => ['--config', c]), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      COLLECTOR_HOST: '127.0.0.1',
      COLLECTOR_OTLP_GRPC_PORT: String(grpc),
      COLLECTOR_OTLP_HTTP_PORT: String(httpPort),
      COLLECTOR_HEALTH_PORT: String(health),
      COLLECTOR_METRICS_PORT: String(metrics),
      COLLECTOR_QUEUE_DIR: queueDir,
      ...backends,
    },
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const started: Started = { child, output: () => output, ports: { grpc, http: httpPort, health, metrics } };
  await poll('collector healthy on :13133 equivalent', 30_000, async () => {
    if (child.exitCode !== null) assert.fail(`collector exited with ${child.exitCode}:\n${output}`);
    const response = await fetch(`http://127.0.0.1:${health}/`, { signal: AbortSignal.timeout(1000) });
    return response.ok ? true : undefined;
  }, () => output);
  return started;
}

async function postOtlp(port: number, signal: 'traces' | 'logs' | 'metrics', body: unknown): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/${signal}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:3001' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `OTLP ${signal}: ${response.status} ${await response.text()}`);
  assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:3001', 'CORS must allow the frontend origin');
}

const attr = (key: string, value: string | number): { key: string; value: Record<string, unknown> } =>
  typeof value === 'number' ? { key, value: { doubleValue: value } } : { key, value: { stringValue: value } };

function resource(service: string): { attributes: ReturnType<typeof attr>[] } {
  return {
    attributes: [attr('service.name', service), attr('service.namespace', 'o11y-demo'), attr('service.version', '0.1.0'), attr('deployment.environment.name', 'config-test')],
  };
}

/** Component types a collector config uses, per kind (`otlp_grpc/traces` -> `otlp_grpc`). */
function usedComponents(configs: string[]): Record<string, Set<string>> {
  const kinds = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'];
  const used: Record<string, Set<string>> = Object.fromEntries(kinds.map((k) => [k, new Set<string>()]));
  for (const file of configs) {
    const config = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    for (const kind of kinds) for (const id of Object.keys(config[kind] ?? {})) used[kind]?.add(id.split('/')[0] as string);
  }
  return used;
}

describe('collector/ config with the built collector', () => {
  it('validate accepts config.yaml', () => {
    run(requireBinary('OTELCOL_BIN'), ['validate', '--config', CONFIG], { COLLECTOR_QUEUE_DIR: tmpdir() });
  });

  it('the binary has every component the config uses, and the manifest nothing more', () => {
    const out = run(requireBinary('OTELCOL_BIN'), ['components']);
    const components = parse(out) as Record<string, { name: string }[] | undefined>;
    const used = usedComponents([CONFIG]);
    let total = 0;
    for (const [kind, types] of Object.entries(used)) {
      const available = new Set((components[kind] ?? []).map((c) => c.name));
      for (const type of types) assert.ok(available.has(type), `${kind}: "${type}" is used by config.yaml but not built into the collector`);
      total += types.size;
    }
    const manifest = parse(readFileSync(join(collectorDir, 'builder-config.yaml'), 'utf8')) as Record<string, { gomod: string }[] | undefined>;
    const listed = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'].flatMap((k) => manifest[k] ?? []);
    assert.equal(listed.length, total, `builder-config.yaml lists ${listed.length} components, config.yaml uses ${total}`);
  });
});

describe('the collector running with its config', () => {
  const work = mkdtempSync(join(tmpdir(), 'o11y-collector-'));
  const running: ChildProcess[] = [];
  let prometheus: { port: number; pid: number; output: () => string } | undefined;
  let jaeger: (StartedProcess & { queryPort: number; otlpGrpcPort: number }) | undefined;
  let victoriaLogs: (StartedProcess & { port: number }) | undefined;
  let collector: Started | undefined;

  before(async () => {
    // A real Prometheus, started the way the stack starts it, as the metrics backend.
    const binary = requireBinary('PROMETHEUS_BIN');
    const port = await freePort();
    let output = '';
    const child = spawn(
      binary,
      [
        `--config.file=${join(root, 'prometheus', 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(work, 'prometheus')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-otlp-receiver',
        `--enable-feature=${PROMETHEUS_FEATURES.join(',')}`,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.push(child);
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    await poll('Prometheus ready', 30_000, async () => ((await fetch(`http://127.0.0.1:${port}/-/ready`)).ok ? true : undefined), () => output);
    prometheus = { port, pid: child.pid as number, output: () => output };

    // Jaeger with the committed jaeger/config.yaml, moved to free ports.
    const [queryPort, queryGrpcPort, healthPort, otlpGrpcPort, otlpHttpPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const startedJaeger = await startAndWait(requireBinary('JAEGER_BIN'), JAEGER_ARGS, {
      readyUrl: `http://127.0.0.1:${healthPort}/status`,
      env: {
        JAEGER_QUERY_HTTP_PORT: String(queryPort),
        JAEGER_QUERY_GRPC_PORT: String(queryGrpcPort),
        JAEGER_HEALTH_PORT: String(healthPort),
        JAEGER_OTLP_GRPC_PORT: String(otlpGrpcPort),
        JAEGER_OTLP_HTTP_PORT: String(otlpHttpPort),
      },
    });
    running.push(startedJaeger.child);
    jaeger = { ...startedJaeger, queryPort, otlpGrpcPort };

    // VictoriaLogs with the flags the stack starts it with.
    const vlPort = await freePort();
    const startedLogs = await startAndWait(requireBinary('VICTORIALOGS_BIN'), victoriaLogsArgs(`127.0.0.1:${vlPort}`, join(work, 'victoria-logs')), {
      readyUrl: `http://127.0.0.1:${vlPort}/health`,
    });
    running.push(startedLogs.child);
    victoriaLogs = { ...startedLogs, port: vlPort };
  });

  after(async () => {
    await Promise.all(running.map((c) => stop(c)));
    rmSync(work, { recursive: true, force: true });
  });

  it('starts healthy without deprecation warnings', async () => {
    assert.ok(prometheus && jaeger && victoriaLogs);
    collector = await startCollector([CONFIG], {
      TRACE_STORE_OTLP_ENDPOINT: `127.0.0.1:${jaeger.otlpGrpcPort}`,
      LOG_STORE_OTLP_ENDPOINT: `http://127.0.0.1:${victoriaLogs.port}/insert/opentelemetry`,
      PROMETHEUS_OTLP_ENDPOINT: `http://127.0.0.1:${prometheus.port}/api/v1/otlp`,
    }, join(work, 'collector-queue'));
    running.push(collector.child);
    assert.doesNotMatch(collector.output(), /deprecated/i, `the collector warned about deprecated settings:\n${collector.output()}`);

    const own = await (await fetch(`http://127.0.0.1:${collector.ports['metrics']}/metrics`)).text();
    assert.match(own, /^otelcol_process_uptime/m, 'own metrics endpoint serves otelcol_* metrics');
  });

  it('sizes every exporter queue in items, as config.yaml sets it', async () => {
    assert.ok(collector);
    const config = parse(readFileSync(CONFIG, 'utf8')) as { exporters: Record<string, { sending_queue?: { sizer?: string; queue_size?: number | string } }> };
    // `${env:NAME:-default}` sizes take their default here: the test sets no such variable.
    const configured = (size: number | string | undefined) => Number(/^\$\{env:\w+:-(\d+)\}$/.exec(String(size))?.[1] ?? size);
    const own = await (await fetch(`http://127.0.0.1:${collector.ports['metrics']}/metrics`)).text();
    for (const [exporter, settings] of Object.entries(config.exporters)) {
      assert.equal(settings.sending_queue?.sizer, 'items', `${exporter}: queue_size counts items (spans, log records, metric points), not requests`);
      const capacity = new RegExp(`^otelcol_exporter_queue_capacity\\{[^}]*exporter="${exporter}"[^}]*\\} (\\d+)$`, 'm').exec(own)?.[1];
      assert.equal(Number(capacity), configured(settings.sending_queue?.queue_size), `${exporter}: otelcol_exporter_queue_capacity`);
    }
  });

  it('every process these checks start listens on loopback only', () => {
    assert.ok(collector && prometheus && jaeger && victoriaLogs);
    const components = [
      { name: 'collector', pid: collector.child.pid as number },
      { name: 'prometheus', pid: prometheus.pid },
      { name: 'jaeger', pid: jaeger.child.pid as number },
      { name: 'victoria-logs', pid: victoriaLogs.child.pid as number },
    ];
    const sockets = listComponentSockets(components);
    for (const { name } of components) assert.ok(sockets.some((s) => s.component === name), `no listening socket of ${name} found: ${JSON.stringify(sockets)}`);
    assert.deepEqual(exposedSockets(sockets), [], 'sockets bound to something other than loopback');
  });

  it('delivers the trace to Jaeger, the logs to VictoriaLogs, and the derived metrics to Prometheus', async () => {
    assert.ok(collector && prometheus && jaeger && victoriaLogs);
    const traceId = randomBytes(16).toString('hex');
    const [browserSpan, apiSpan, apiClientSpan, workerSpan] = [0, 1, 2, 3].map(() => randomBytes(8).toString('hex'));
    const now = BigInt(Date.now()) * 1_000_000n;
    const span = (id: string, parent: string | undefined, name: string, kind: number, route?: string, status = 200) => ({
      traceId,
      spanId: id,
      ...(parent ? { parentSpanId: parent } : {}),
      name,
      kind,
      startTimeUnixNano: String(now - 50_000_000n),
      endTimeUnixNano: String(now - 10_000_000n),
      attributes: [attr('http.request.method', 'GET'), ...(route ? [attr('http.route', route)] : []), { key: 'http.response.status_code', value: { intValue: String(status) } }],
    });
    const scope = { name: 'config-collector.test' };
    await postOtlp(collector.ports['http'] as number, 'traces', {
      resourceSpans: [
        { resource: resource('frontend-web'), scopeSpans: [{ scope, spans: [span(browserSpan as string, undefined, 'HTTP GET', 3)] }] },
        { resource: resource('node-api'), scopeSpans: [{ scope, spans: [span(apiSpan as string, browserSpan, 'GET /data', 2, '/data'), span(apiClientSpan as string, apiSpan, 'GET', 3)] }] },
        { resource: resource('worker'), scopeSpans: [{ scope, spans: [span(workerSpan as string, apiClientSpan, 'GET /data', 2, '/data')] }] },
      ],
    });
    const nowNs = String(now);
    await postOtlp(collector.ports['http'] as number, 'logs', {
      resourceLogs: [
        {
          resource: resource('frontend-web'),
          scopeLogs: [
            {
              scope,
              logRecords: [
                { timeUnixNano: nowNs, traceId, spanId: browserSpan, eventName: 'browser.web_vital', severityNumber: 9, severityText: 'INFO', body: { stringValue: 'LCP 1234' },
                  attributes: [attr('browser.web_vital.name', 'lcp'), attr('browser.web_vital.value', 1234.5), attr('browser.web_vital.delta', 1234.5), attr('browser.web_vital.id', 'v5-1'), attr('browser.web_vital.rating', 'good'), attr('url.path', '/')] },
                { timeUnixNano: nowNs, traceId, spanId: browserSpan, eventName: 'exception', severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'boom' },
                  attributes: [attr('exception.type', 'TypeError'), attr('exception.message', 'boom'), attr('url.path', '/')] },
              ],
            },
          ],
        },
      ],
    });

    // The whole trace is in Jaeger, by id.
    const jaegerUrl = `http://127.0.0.1:${jaeger.queryPort}/api/v3/traces/${traceId}`;
    const spanCount = await poll('trace in Jaeger', 15_000, async () => {
      const response = await fetch(jaegerUrl);
      if (!response.ok) return undefined;
      const count = ((await response.text()).match(/"spanId"/g) ?? []).length;
      return count === 4 ? count : undefined;
    }, () => `${collector!.output()}\n${jaeger!.output()}`);
    assert.equal(spanCount, 4);

    // The log records are in VictoriaLogs, with trace and span ids as fields.
    const logsQuery = `http://127.0.0.1:${victoriaLogs.port}/select/logsql/query?${new URLSearchParams({ query: `trace_id:="${traceId}"` })}`;
    const lines = await poll('log records in VictoriaLogs by trace id', 15_000, async () => {
      await fetch(`http://127.0.0.1:${victoriaLogs!.port}/internal/force_flush`);
      const text = await (await fetch(logsQuery)).text();
      const found = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, string>);
      return found.length === 2 ? found : undefined;
    }, () => `${collector!.output()}\n${victoriaLogs!.output()}`);
    assert.deepEqual(lines.map((line) => line['service.name']), ['frontend-web', 'frontend-web']);
    assert.ok(lines.some((line) => line['_msg'] === 'boom' && line['span_id'] === browserSpan), `the error record keeps its span id: ${JSON.stringify(lines)}`);

    type Sample = { metric: Record<string, string>; value: [number, string] };
    const query = async (promql: string): Promise<Sample[]> => {
      const response = await fetch(`http://127.0.0.1:${prometheus!.port}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const json = (await response.json()) as { data: { result: Sample[] } };
      return json.data.result;
    };
    const expectSeries = async (promql: string, labels: Record<string, string>): Promise<void> => {
      const result = await poll(`series ${promql}`, 45_000, async () => {
        const r = await query(promql);
        return r.length > 0 ? r : undefined;
      }, () => collector!.output());
      for (const [k, v] of Object.entries(labels)) {
        assert.ok(result.some((s) => s.metric[k] === v), `${promql}: no series with ${k}="${v}" in ${JSON.stringify(result)}`);
      }
    };

    const env = `deployment_environment_name="config-test"`;
    await expectSeries(`traces_span_metrics_calls_total{${env}, service_name="node-api"}`, { span_name: 'GET /data', span_kind: 'SPAN_KIND_SERVER', http_route: '/data', service_namespace: 'o11y-demo', service_version: '0.1.0' });
    await expectSeries(`traces_span_metrics_duration_seconds_bucket{${env}, service_name="worker"}`, { http_response_status_code: '200' });
    await expectSeries(`traces_service_graph_request_total`, { client: 'node-api', server: 'worker' });
    await expectSeries(`traces_service_graph_request_server_seconds_bucket`, { client: 'frontend-web', server: 'node-api' });
    await expectSeries(`rum_web_vital_bucket{${env}}`, { browser_web_vital_name: 'lcp', url_path: '/', service_name: 'frontend-web' });
    await expectSeries(`rum_browser_errors_total{${env}}`, { exception_type: 'TypeError', url_path: '/' });

    // The one request of a new series counts: Prometheus stores a zero at the
    // series' start time (created-timestamp-zero-ingestion), so rate() sees
    // it and the worker's p95 is a number, not NaN or nothing.
    const p95 = `histogram_quantile(0.95, sum by (le) (rate(traces_span_metrics_duration_seconds_bucket{${env}, service_name="worker"}[1m])))`;
    const firstP95 = await poll(`a number from ${p95}`, 45_000, async () => {
      const value = Number((await query(p95))[0]?.value[1]);
      return Number.isFinite(value) ? value : undefined;
    }, () => collector!.output());
    assert.ok(firstP95 > 0 && firstP95 <= 0.05, `the worker's p95 from its one 40 ms span: ${firstP95}`);

    // Exemplars on the span-metric histogram carry the trace id Grafana links on.
    const start = Math.floor(Date.now() / 1000) - 600;
    const exemplars = await poll('exemplars with trace_id', 30_000, async () => {
      const response = await fetch(
        `http://127.0.0.1:${prometheus!.port}/api/v1/query_exemplars?query=${encodeURIComponent(`traces_span_metrics_duration_seconds_bucket{${env}}`)}&start=${start}&end=${start + 1200}`,
      );
      const json = (await response.json()) as { data: { exemplars: { labels: Record<string, string> }[] }[] };
      const all = json.data.flatMap((d) => d.exemplars);
      return all.length > 0 ? all : undefined;
    }, () => collector!.output());
    assert.ok(exemplars.some((e) => e.labels['trace_id'] === traceId), `no exemplar with trace_id ${traceId}: ${JSON.stringify(exemplars).slice(0, 500)}`);
  });
});

describe('CORS on the collector\'s OTLP/HTTP receiver', () => {
  const work = mkdtempSync(join(tmpdir(), 'o11y-collector-cors-'));
  let collector: Started | undefined;
  let allowed: string[] = [];

  before(async () => {
    // The defaults config.yaml allows, i.e. what the native stack and compose use.
    const config = parse(readFileSync(CONFIG, 'utf8')) as { receivers: { otlp: { protocols: { http: { cors: { allowed_origins: string[] } } } } } };
    allowed = config.receivers.otlp.protocols.http.cors.allowed_origins.map((entry) => /^\$\{env:[A-Z_]+:-(.+)\}$/.exec(entry)?.[1] ?? entry);
    // No backend is needed: the requests carry no data. The origin variables
    // are unset so the defaults apply, whatever the calling shell has.
    const closed = await freePort();
    collector = await startCollector([CONFIG], {
      FRONTEND_ORIGIN: undefined,
      FRONTEND_ORIGIN_ALT: undefined,
      TRACE_STORE_OTLP_ENDPOINT: `127.0.0.1:${closed}`,
      LOG_STORE_OTLP_ENDPOINT: `http://127.0.0.1:${closed}`,
      PROMETHEUS_OTLP_ENDPOINT: `http://127.0.0.1:${closed}`,
    }, join(work, 'queue'));
  });

  after(async () => {
    await stop(collector?.child);
    rmSync(work, { recursive: true, force: true });
  });

  const url = (path: string): string => `http://127.0.0.1:${collector?.ports['http']}${path}`;
  /** What a browser sends before its OTLP/JSON POST: the method and the Content-Type header need permission. */
  const preflight = (origin: string): Promise<Response> =>
    fetch(url('/v1/traces'), {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
  const post = (origin: string, contentType = 'application/json'): Promise<Response> =>
    fetch(url('/v1/traces'), { method: 'POST', headers: { Origin: origin, 'Content-Type': contentType }, body: '{}' });

  it('allows exactly the frontend\'s origin, in both spellings', () => {
    assert.deepEqual(allowed, ['http://localhost:3001', 'http://127.0.0.1:3001']);
  });

  it('answers the frontend\'s preflight and POST with Access-Control-Allow-Origin for that origin', async () => {
    for (const origin of allowed) {
      const answer = await preflight(origin);
      assert.ok(answer.status >= 200 && answer.status < 300, `preflight from ${origin}: ${answer.status}`);
      assert.equal(answer.headers.get('access-control-allow-origin'), origin, `preflight from ${origin}`);
      assert.match(answer.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/i, `preflight from ${origin} allows POST`);
      assert.match(answer.headers.get('access-control-allow-headers') ?? '', /\bcontent-type\b/i, `preflight from ${origin} allows Content-Type`);
      assert.equal(answer.headers.get('access-control-max-age'), '7200');

      const sent = await post(origin);
      assert.equal(sent.status, 200, `POST from ${origin}: ${sent.status} ${await sent.text()}`);
      assert.equal(sent.headers.get('access-control-allow-origin'), origin, `POST from ${origin}`);
    }
  });

  it('gives any other origin no Access-Control-Allow-Origin', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:3002', 'https://localhost:3001', 'http://localhost:3001.evil.example', 'null']) {
      const answer = await preflight(origin);
      assert.equal(answer.headers.get('access-control-allow-origin'), null, `preflight from ${origin} was allowed (${answer.status})`);
      const sent = await post(origin);
      await sent.arrayBuffer();
      assert.equal(sent.headers.get('access-control-allow-origin'), null, `POST from ${origin} was allowed (${sent.status})`);
    }
  });

  it('refuses the one cross-origin POST a browser sends without preflight (text/plain)', async () => {
    // A "simple" request (Content-Type text/plain) skips the preflight, so CORS
    // cannot stop a hostile page from sending it; the receiver must refuse the type.
    const sent = await post('http://evil.example', 'text/plain');
    assert.equal(sent.status, 415, `text/plain POST: ${sent.status} ${await sent.text()}`);
  });
});

describe('the pipeline alerts fire on the real collector\'s own metrics', () => {
  const work = mkdtempSync(join(tmpdir(), 'o11y-collector-drops-'));
  let collector: Started | undefined;
  let prometheus: StartedProcess | undefined;
  let prometheusPort = 0;
  let refusing: Server | undefined;

  before(async () => {
    // "Prometheus" that refuses every write with 400, as it does an out-of-order sample.
    refusing = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(400, { 'Content-Type': 'text/plain' }).end('out of order sample\n'));
    });
    await new Promise<void>((resolve) => refusing?.listen(0, '127.0.0.1', resolve));
    const refusingPort = (refusing.address() as { port: number }).port;
    const closed = await freePort();

    // The committed config, with the loss made quick: the trace store is
    // unreachable and its retry window 2 s; the log store is unreachable and
    // its queue holds one log record.
    const overlay = join(work, 'quick-loss.yaml');
    writeFileSync(
      overlay,
      [
        'exporters:',
        '  otlp_grpc/traces:',
        '    retry_on_failure: {initial_interval: 500ms, max_interval: 1s, max_elapsed_time: 2s}',
        '  otlp_http/logs:',
        '    sending_queue: {queue_size: 1, num_consumers: 1}',
        '',
      ].join('\n'),
    );
    collector = await startCollector([CONFIG, overlay], {
      TRACE_STORE_OTLP_ENDPOINT: `127.0.0.1:${closed}`,
      LOG_STORE_OTLP_ENDPOINT: `http://127.0.0.1:${closed}`,
      PROMETHEUS_OTLP_ENDPOINT: `http://127.0.0.1:${refusingPort}/api/v1/otlp`,
    }, join(work, 'queue'));

    // A real Prometheus with the committed rules, scraping this collector every second.
    prometheusPort = await freePort();
    const config = join(work, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global: {scrape_interval: 1s, evaluation_interval: 1s}',
        `rule_files: [${JSON.stringify(join(root, 'prometheus', 'rules', 'alerts.yml'))}]`,
        'scrape_configs:',
        '  - job_name: otel-collector',
        `    static_configs: [{targets: ["127.0.0.1:${collector.ports['metrics']}"]}]`,
        '',
      ].join('\n'),
    );
    prometheus = await startAndWait(
      requireBinary('PROMETHEUS_BIN'),
      [`--config.file=${config}`, `--storage.tsdb.path=${join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${prometheusPort}`],
      { readyUrl: `http://127.0.0.1:${prometheusPort}/-/ready` },
    );
  });

  after(async () => {
    await Promise.all([stop(collector?.child), stop(prometheus?.child)]);
    await new Promise<void>((resolve) => (refusing ? refusing.close(() => resolve()) : resolve()));
    rmSync(work, { recursive: true, force: true });
  });

  it('TelemetryDropped names exporter, signal and reason; the log queue is full and stalled', async () => {
    assert.ok(collector && prometheus);
    const port = collector.ports['http'] as number;
    const now = String(BigInt(Date.now()) * 1_000_000n);
    const scope = { name: 'config-collector.test' };
    await postOtlp(port, 'traces', {
      resourceSpans: [{ resource: resource('node-api'), scopeSpans: [{ scope, spans: [{ traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), name: 'GET /data', kind: 2, startTimeUnixNano: now, endTimeUnixNano: now }] }] }],
    });
    await postOtlp(port, 'metrics', {
      resourceMetrics: [{ resource: resource('node-api'), scopeMetrics: [{ scope, metrics: [{ name: 'drill.gauge', gauge: { dataPoints: [{ asDouble: 1, timeUnixNano: now }] } }] }] }],
    });
    // One log record per batch (the batch processor flushes after 200 ms): the
    // first waits in the one-record queue, the next ones find it full.
    for (let i = 0; i < 3; i++) {
      await postOtlp(port, 'logs', { resourceLogs: [{ resource: resource('node-api'), scopeLogs: [{ scope, logRecords: [{ timeUnixNano: now, body: { stringValue: `record ${i}` } }] }] }] });
      await new Promise((r) => setTimeout(r, 500));
    }

    type Alert = { labels: Record<string, string>; state: string };
    const alerts = async (): Promise<Alert[]> => {
      const json = (await (await fetch(`http://127.0.0.1:${prometheusPort}/api/v1/alerts`)).json()) as { data: { alerts: Alert[] } };
      return json.data.alerts;
    };
    const key = (a: Alert): string => [a.labels['alertname'], a.labels['exporter'], a.labels['signal'], a.labels['reason'], a.state].filter(Boolean).join(' | ');
    const expected = [
      'TelemetryDropped | otlp_grpc/traces | spans | retries ran out | firing',
      'TelemetryDropped | otlp_http/logs | log_records | queue full | firing',
      'TelemetryDropped | otlp_http/prometheus | metric_points | refused by the backend | firing',
      // Both have a `for`, so they are only pending within this test.
      'TelemetryExportStalled | otlp_http/logs | pending',
      'TelemetryQueueFilling | otlp_http/logs | pending',
    ];
    let last: string[] = [];
    const seen = await poll('the pipeline alerts', 45_000, async () => {
      last = (await alerts()).map(key);
      return expected.every((e) => last.includes(e)) ? last : undefined;
    }, () => `expected:\n  ${expected.join('\n  ')}\nPrometheus has:\n  ${last.join('\n  ')}\n${collector!.output().slice(-3000)}\n${prometheus!.output().slice(-2000)}`);
    const dropped = (await alerts()).filter((a) => a.labels['alertname'] === 'TelemetryDropped');
    assert.ok(dropped.every((a) => a.labels['severity'] === 'critical' && a.labels['job'] === 'otel-collector'), JSON.stringify(dropped));
    assert.ok(seen.length >= expected.length);
  });
});
