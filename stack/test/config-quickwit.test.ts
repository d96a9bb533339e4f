// Checks quickwit/quickwit.yaml, and the collector's log exporter against it,
// with the real Quickwit 0.9.0 (the version docker-compose.yml runs):
// - always: the file is a config Quickwit 0.9 reads (format version 0.7/0.8;
//   0.9 makes Quickwit exit at start), its ports and bind address come from
//   the QW_* variables with the documented defaults, and compose sets them;
// - with a Quickwit binary: Quickwit starts with the committed file (every key
//   is checked there: Quickwit refuses unknown keys) on free ports and a
//   throw-away data directory, turns ready, has created the index
//   otel-logs-v0_9, and a log record sent to the real collector (started with
//   collector/config.yaml, its log store pointed at this Quickwit over
//   OTLP/HTTP, gzip and the qw-otel-logs-index header as configured) is found
//   by Quickwit's search API by its trace id, with service name, severity,
//   body and span id; the collector counts it as sent, not failed.
//
// Quickwit comes from QUICKWIT_BIN, else from ../shared/quickwit/quickwit next
// to the repository (the project's test machines have it there; a user's clone
// does not, and then the running part is skipped with a message). The
// collector comes from OTELCOL_BIN or the native stack's build.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { requireBinary } from './support/backend-binary';
import { freePort, poll, root, stop, waitForUrl } from './support/processes';

const QUICKWIT_CONFIG = join(root, 'quickwit', 'quickwit.yaml');
const COLLECTOR_CONFIG = join(root, 'collector', 'config.yaml');
const LOGS_INDEX = 'otel-logs-v0_9';
/** Where the project's test machines keep the real Quickwit 0.9.0 (see ../shared/quickwit/README.md). */
const SHARED_QUICKWIT = join(root, '..', 'shared', 'quickwit', 'quickwit');

/** QUICKWIT_BIN when set (it must exist), else the shared test binary, else undefined. */
function findQuickwit(): string | undefined {
  const given = process.env['QUICKWIT_BIN']?.trim();
  if (given) {
    assert.ok(existsSync(given), `QUICKWIT_BIN=${given} does not exist`);
    return given;
  }
  return existsSync(SHARED_QUICKWIT) ? SHARED_QUICKWIT : undefined;
}

type Running = { child: ChildProcess; output: () => string };

/** Starts a process and keeps everything it prints, for assertions and failure messages. */
function start(binary: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Running {
  let output = '';
  const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

describe('quickwit/quickwit.yaml', () => {
  const text = readFileSync(QUICKWIT_CONFIG, 'utf8');
  const config = parse(text) as Record<string, unknown>;

  it('uses a config format version Quickwit 0.9 reads (0.7 or 0.8; 0.9 is refused at start)', () => {
    assert.ok(['0.7', '0.8'].includes(String(config['version'])), `version: ${String(config['version'])}`);
  });

  it('takes bind address, ports and data directory from QW_* variables with the documented defaults', () => {
    assert.equal(config['listen_address'], '${QW_LISTEN_ADDRESS:-127.0.0.1}');
    assert.equal((config['rest'] as Record<string, unknown>)['listen_port'], '${QW_REST_LISTEN_PORT:-7280}');
    assert.equal(config['grpc_listen_port'], '${QW_GRPC_LISTEN_PORT:-7281}');
    assert.match(String(config['data_dir']), /^\$\{QW_DATA_DIR:-[^}]+\}$/);
    // The deprecated top-level REST port key must not come back.
    assert.equal(config['rest_listen_port'], undefined);
    assert.equal((config['indexer'] as Record<string, unknown>)['enable_otlp_endpoint'], true, 'the OTLP endpoints must be on');
  });

  it('is what docker compose mounts, with the container-side variables', () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
    };
    const quickwit = compose.services['quickwit'];
    assert.ok(quickwit?.volumes?.includes('./quickwit/quickwit.yaml:/quickwit/config/quickwit.yaml:ro'));
    assert.equal(quickwit?.environment?.['QW_CONFIG'], '/quickwit/config/quickwit.yaml');
    assert.equal(quickwit?.environment?.['QW_LISTEN_ADDRESS'], '0.0.0.0');
    assert.equal(quickwit?.environment?.['QW_DATA_DIR'], '/quickwit/qwdata');
  });
});

const quickwitBinary = findQuickwit();

describe(
  'Quickwit 0.9 with quickwit/quickwit.yaml, fed by the collector',
  {
    skip: quickwitBinary
      ? false
      : `no Quickwit binary: set QUICKWIT_BIN to a Quickwit 0.9 binary (the test looks for ${SHARED_QUICKWIT} otherwise)`,
  },
  () => {
    const work = mkdtempSync(join(tmpdir(), 'o11y-quickwit-'));
    const running: ChildProcess[] = [];
    let quickwit: (Running & { rest: number }) | undefined;
    let collector: (Running & { http: number; metrics: number }) | undefined;

    before(async () => {
      const dataDir = join(work, 'qwdata');
      // Quickwit does not create its data directory itself.
      mkdirSync(dataDir);
      const [rest, grpc] = [await freePort(), await freePort()];
      const started = start(
        quickwitBinary as string,
        ['run', '--config', QUICKWIT_CONFIG],
        {
          QW_LISTEN_ADDRESS: '127.0.0.1',
          QW_REST_LISTEN_PORT: String(rest),
          QW_GRPC_LISTEN_PORT: String(grpc),
          QW_DATA_DIR: dataDir,
          QW_DISABLE_TELEMETRY: '1',
          NO_COLOR: '1',
        },
        work,
      );
      running.push(started.child);
      // Ready about 5 s after start.
      await waitForUrl(`http://127.0.0.1:${rest}/health/readyz`, 60_000, started.child, started.output);
      // /health/readyz answers before the node has joined its own searcher
      // and ingester pools (about a second later): logs sent in that window
      // are refused with an error the collector treats as permanent, and
      // dropped (see quickwit/README.md). A search that succeeds means the
      // pools are filled.
      await poll('Quickwit searcher and ingester pools ready', 60_000, async () => {
        const response = await fetch(`http://127.0.0.1:${rest}/api/v1/${LOGS_INDEX}/search?query=*&max_hits=0`);
        return response.ok ? true : undefined;
      }, started.output);
      quickwit = { ...started, rest };
    });

    after(async () => {
      await Promise.all(running.map((c) => stop(c)));
      rmSync(work, { recursive: true, force: true });
    });

    it('starts with the committed config (every key accepted) and creates the index otel-logs-v0_9', async () => {
      assert.ok(quickwit);
      assert.doesNotMatch(quickwit.output(), /deprecat/i, `Quickwit warned about deprecated settings:\n${quickwit.output()}`);
      const response = await fetch(`http://127.0.0.1:${quickwit.rest}/api/v1/indexes/${LOGS_INDEX}`);
      assert.equal(response.status, 200, `index ${LOGS_INDEX}: ${response.status} ${await response.clone().text()}`);
      const index = (await response.json()) as { index_config: { index_id: string } };
      assert.equal(index.index_config.index_id, LOGS_INDEX);
    });

    it('stores a log record the collector exports to it, searchable by trace id', async () => {
      assert.ok(quickwit);
      const [grpcPort, httpPort, health, metrics] = [await freePort(), await freePort(), await freePort(), await freePort()];
      // The trace store and Prometheus are not needed: their exporters point at
      // closed ports and just retry. Nothing reaches a stack that may be running.
      const started = start(
        requireBinary('OTELCOL_BIN'),
        ['--config', COLLECTOR_CONFIG],
        {
          COLLECTOR_HOST: '127.0.0.1',
          COLLECTOR_OTLP_GRPC_PORT: String(grpcPort),
          COLLECTOR_OTLP_HTTP_PORT: String(httpPort),
          COLLECTOR_HEALTH_PORT: String(health),
          COLLECTOR_METRICS_PORT: String(metrics),
          // Its own queues: a shared queue directory would replay another
          // run's leftovers (and its lock would block a second collector).
          COLLECTOR_QUEUE_DIR: join(work, 'collector-queue'),
          // What docker-compose.yml sets, with this Quickwit's host and port.
          LOG_STORE_OTLP_ENDPOINT: `http://127.0.0.1:${quickwit.rest}/api/v1/otlp`,
          TRACE_STORE_OTLP_ENDPOINT: `127.0.0.1:${await freePort()}`,
          PROMETHEUS_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}/api/v1/otlp`,
        },
        root,
      );
      running.push(started.child);
      await waitForUrl(`http://127.0.0.1:${health}/`, 30_000, started.child, started.output);
      collector = { ...started, http: httpPort, metrics };

      const traceId = randomBytes(16).toString('hex');
      const spanId = randomBytes(8).toString('hex');
      const service = `config-quickwit-${randomBytes(3).toString('hex')}`;
      const body = `quickwit config check ${randomBytes(4).toString('hex')}`;
      const post = await fetch(`http://127.0.0.1:${httpPort}/v1/logs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          resourceLogs: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'deployment.environment.name', value: { stringValue: 'config-test' } }] },
              scopeLogs: [
                {
                  scope: { name: 'config-quickwit.test' },
                  logRecords: [
                    {
                      timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                      severityNumber: 17,
                      severityText: 'ERROR',
                      body: { stringValue: body },
                      traceId,
                      spanId,
                      attributes: [{ key: 'http.route', value: { stringValue: '/data' } }],
                    },
                  ],
                },
              ],
            },
          ],
        }),
      });
      assert.equal(post.status, 200, `collector OTLP/HTTP logs: ${post.status} ${await post.text()}`);

      type Hit = { service_name?: string; severity_text?: string; severity_number?: number; body?: { message?: string }; trace_id?: string; span_id?: string };
      // Quickwit commits every 5 s; the collector batches for 1 s.
      const hits = await poll(
        `log with trace_id ${traceId} in Quickwit`,
        45_000,
        async () => {
          const response = await fetch(`http://127.0.0.1:${quickwit!.rest}/api/v1/${LOGS_INDEX}/search?query=${encodeURIComponent(`trace_id:${traceId}`)}`);
          if (!response.ok) return undefined;
          const result = (await response.json()) as { num_hits: number; hits: Hit[] };
          return result.num_hits > 0 ? result.hits : undefined;
        },
        () => `collector:\n${started.output()}\nquickwit:\n${quickwit!.output()}`,
      );
      assert.equal(hits.length, 1, `expected exactly one record: ${JSON.stringify(hits)}`);
      const hit = hits[0] as Hit;
      assert.equal(hit.trace_id, traceId);
      assert.equal(hit.span_id, spanId);
      assert.equal(hit.service_name, service);
      assert.equal(hit.severity_text, 'ERROR');
      assert.equal(hit.severity_number, 17);
      assert.equal(hit.body?.message, body);
    });

    it('the collector counts the export to Quickwit as sent, with no failure', async () => {
      assert.ok(collector);
      const own = await (await fetch(`http://127.0.0.1:${collector.metrics}/metrics`)).text();
      const value = (name: string): number | undefined => {
        const line = own.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('exporter="otlp_http/logs"'));
        return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
      };
      assert.ok((value('otelcol_exporter_sent_log_records') ?? 0) >= 1, `no log record counted as sent by otlp_http/logs:\n${own.split('\n').filter((l) => l.includes('otlp_http/logs')).join('\n')}`);
      assert.equal(value('otelcol_exporter_send_failed_log_records') ?? 0, 0, 'the collector counted failed log exports to Quickwit');
      assert.doesNotMatch(
        collector.output().split('\n').filter((l) => l.includes('otlp_http/logs')).join('\n'),
        /error|failed/i,
        `the collector logged errors for the Quickwit exporter:\n${collector.output()}`,
      );
    });
  },
);
