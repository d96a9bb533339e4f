// Checks tempo/tempo.yaml, the config of Tempo 3.0.3 (grafana/tempo:3.0.3 in
// docker-compose.yml). This project never builds or ships Tempo (AGPL), so:
// - always: every key of the file is one Tempo 3.0 defines (Tempo parses its
//   config strictly and refuses unknown keys; the blocks Tempo 3.0 removed
//   are absent), every value that comes from the environment has the
//   documented default, the defaults give the ports of docs/architecture.md,
//   and compose starts Tempo with expansion on;
// - when TEMPO_BIN names a Tempo 3.0 binary: that binary verifies the file
//   (`-config.verify=true`: it parses the config exactly as at start, checks
//   it, and exits non-zero on an error or a configuration warning).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { root } from './support/processes';

const CONFIG = join(root, 'tempo', 'tempo.yaml');

/** A documented key with no further structure checked below it (a map, a list, or a scalar). */
const LEAF = null;
/** A subtree whose keys belong to another component (OpenTelemetry receivers) and are not listed here. */
const OPEN = 'open';
type KeyTree = { [key: string]: KeyTree | typeof LEAF | typeof OPEN };

/** Keys of the `compaction` block, shared by backend_scheduler and backend_worker. */
const COMPACTION: KeyTree = {
  block_retention: LEAF, compacted_block_retention: LEAF, compaction_window: LEAF, max_compaction_objects: LEAF,
  max_block_bytes: LEAF, retention_concurrency: LEAF, max_time_per_tenant: LEAF, compaction_cycle: LEAF,
};
const RING: KeyTree = {
  kvstore: LEAF, heartbeat_period: LEAF, heartbeat_timeout: LEAF, instance_id: LEAF, instance_interface_names: LEAF,
  instance_addr: LEAF, instance_port: LEAF, enable_inet6: LEAF,
};

/**
 * The keys Tempo 3.0 defines, for every block this file uses (other top-level
 * blocks are listed without their contents).
 *
 * Derived from Tempo's own configuration reference for the 3.0 line,
 * docs/sources/tempo/configuration/_index.md in github.com/grafana/tempo
 * ("Configure Tempo": the sections Server, Distributor, Ingest, Block-builder,
 * Live-store, Metrics-generator, Query-frontend, Querier, Backend scheduler,
 * Backend worker, Storage, Memberlist, Compaction, Usage-report, Cache), and
 * cross-checked against the config Tempo ships for 3.0.0
 * (example/docker-compose/migrate-to-3/tempo-v3.yaml, run there as
 * grafana/tempo:3.0.0-rc.1), which uses the same backend_scheduler,
 * backend_worker, querier, memberlist, storage and usage_report keys as
 * tempo/tempo.yaml. Tempo's Config root (cmd/tempo/app/config.go) and its
 * loader (yaml.UnmarshalStrict in cmd/tempo/main.go) are why an unknown key
 * stops Tempo at start. The copy read was not pinned to the v3.0.3 tag:
 * TEMPO_BIN verification below is the check that runs the real thing.
 */
const TEMPO_3_KEYS: KeyTree = {
  target: LEAF, http_api_prefix: LEAF, multitenancy_enabled: LEAF, auth_enabled: LEAF, stream_over_http_enabled: LEAF,
  shutdown_delay: LEAF, enable_go_runtime_metrics: LEAF, span_profiling: LEAF,
  server: {
    http_listen_network: LEAF, http_listen_address: LEAF, http_listen_port: LEAF, http_listen_conn_limit: LEAF,
    grpc_listen_network: LEAF, grpc_listen_address: LEAF, grpc_listen_port: LEAF, grpc_listen_conn_limit: LEAF,
    register_instrumentation: LEAF, graceful_shutdown_timeout: LEAF, http_server_read_timeout: LEAF,
    http_server_write_timeout: LEAF, http_server_idle_timeout: LEAF, grpc_server_max_recv_msg_size: LEAF,
    grpc_server_max_send_msg_size: LEAF, grpc_server_min_time_between_pings: LEAF,
    grpc_server_ping_without_stream_allowed: LEAF, log_level: LEAF, log_format: LEAF,
  },
  memory: { automemlimit_enabled: LEAF, automemlimit_ratio: LEAF },
  distributor: {
    ring: RING,
    receivers: {
      otlp: { protocols: { grpc: { endpoint: LEAF }, http: { endpoint: LEAF } } },
      jaeger: OPEN, zipkin: OPEN, kafka: OPEN,
    },
    forwarders: LEAF, log_received_spans: LEAF, log_discarded_spans: LEAF, metric_received_spans: LEAF,
    retry_after_on_resource_exhausted: LEAF, max_attribute_bytes: LEAF, usage: LEAF,
  },
  ingest: LEAF,
  block_builder: LEAF,
  live_store: LEAF,
  live_store_client: LEAF,
  metrics_generator: LEAF,
  query_frontend: LEAF,
  querier: {
    max_concurrent_queries: LEAF, trace_by_id: LEAF, search: LEAF, metrics: LEAF,
    frontend_worker: { frontend_address: LEAF, grpc_client_config: LEAF },
    partition_ring: LEAF,
  },
  backend_scheduler: {
    work: LEAF, maintenance_interval: LEAF, backend_flush_interval: LEAF,
    provider: {
      retention: { interval: LEAF },
      compaction: {
        measure_interval: LEAF, compaction: COMPACTION, max_jobs_per_tenant: LEAF, min_input_blocks: LEAF,
        max_input_blocks: LEAF, max_compaction_level: LEAF, min_cycle_interval: LEAF,
      },
      redaction: LEAF,
    },
    job_timeout: LEAF, local_work_path: LEAF,
  },
  backend_scheduler_client: { grpc_client_config: LEAF },
  backend_worker: {
    backend_scheduler_addr: LEAF, backoff: LEAF, compaction: COMPACTION, override_ring_key: LEAF, ring: RING,
    finish_on_shutdown_timeout: LEAF,
  },
  storage: {
    trace: {
      backend: LEAF, local: { path: LEAF }, gcs: LEAF, s3: LEAF, azure: LEAF,
      blocklist_poll: LEAF, blocklist_poll_concurrency: LEAF, blocklist_poll_fallback: LEAF,
      blocklist_poll_tenant_index_builders: LEAF, blocklist_poll_tenant_concurrency: LEAF,
      blocklist_poll_stale_tenant_index: LEAF, blocklist_poll_jitter_ms: LEAF,
      blocklist_poll_tolerate_consecutive_errors: LEAF, blocklist_poll_tolerate_tenant_failures: LEAF,
      empty_tenant_deletion_age: LEAF, empty_tenant_deletion_enabled: LEAF, search: LEAF, pool: LEAF,
      wal: { path: LEAF, ingestion_time_range_slack: LEAF, version: LEAF },
      block: LEAF,
    },
  },
  memberlist: {
    node_name: LEAF, randomize_node_name: LEAF, stream_timeout: LEAF, retransmit_factor: LEAF, pull_push_interval: LEAF,
    gossip_interval: LEAF, gossip_nodes: LEAF, gossip_to_dead_nodes_time: LEAF, dead_node_reclaim_time: LEAF,
    compression_enabled: LEAF, join_members: LEAF, min_join_backoff: LEAF, max_join_backoff: LEAF,
    max_join_retries: LEAF, abort_if_cluster_join_fails: LEAF, rejoin_interval: LEAF, leave_timeout: LEAF,
    bind_addr: LEAF, bind_port: LEAF, advertise_addr: LEAF, advertise_port: LEAF, cluster_label: LEAF,
    cluster_label_verification_disabled: LEAF, packet_dial_timeout: LEAF, packet_write_timeout: LEAF,
  },
  overrides: LEAF,
  usage_report: { reporting_enabled: LEAF },
  cache: LEAF,
};

/** Blocks Tempo 3.0 removed (ingesters and the compactor are gone); Tempo 3 refuses them. */
const REMOVED_IN_TEMPO_3 = ['ingester', 'ingester_client', 'compactor', 'metrics_generator_client'];

/** The path of every value in a parsed YAML document, e.g. `server.http_listen_port`. */
function keyPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 0 ? [prefix] : entries.flatMap(([key, child]) => keyPaths(child, [...prefix, key]));
}

/** Undefined when Tempo 3.0 defines the path, else why not. */
function unknownKey(path: string[]): string | undefined {
  let tree: KeyTree | typeof LEAF | typeof OPEN = TEMPO_3_KEYS;
  for (const [i, key] of path.entries()) {
    if (tree === OPEN) return undefined;
    if (tree === LEAF) return `${path.slice(0, i).join('.')} takes no keys here (found ${key})`;
    if (!(key in tree)) return `${path.join('.')} is not a Tempo 3.0 setting`;
    tree = tree[key] as KeyTree | typeof LEAF | typeof OPEN;
  }
  return undefined;
}

/** The file as Tempo sees it with `-config.expand-env=true` and no variables set (drone/envsubst `${VAR:-default}`). */
function withDefaults(text: string): string {
  return text.replace(/\$\{([A-Z_][A-Z0-9_]*):-([^}]*)\}/g, (_m, _name: string, fallback: string) => fallback);
}

const text = readFileSync(CONFIG, 'utf8');
const config = parse(text) as Record<string, unknown>;
const resolved: unknown = parse(withDefaults(text));

/** The value at a dotted path of the resolved config; undefined when a step is missing. */
function at(path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), resolved);
}

describe('tempo/tempo.yaml against Tempo 3.0', () => {
  it('uses only keys Tempo 3.0 defines', () => {
    const paths = keyPaths(config);
    assert.ok(paths.length > 10, 'expected a parsed config');
    const problems = paths.map(unknownKey).filter((p): p is string => p !== undefined);
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('has none of the blocks Tempo 3.0 removed, and no metrics-generator (the collector makes span metrics)', () => {
    for (const block of [...REMOVED_IN_TEMPO_3, 'metrics_generator']) assert.equal(config[block], undefined, `${block} must not be set`);
    assert.equal(config['target'], undefined, 'the target comes from the command line (-target=all)');
  });

  it('takes every environment value in ${VAR:-default} form, with the documented variables only', () => {
    const readme = readFileSync(join(root, 'tempo', 'README.md'), 'utf8');
    const references = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1] as string);
    assert.ok(references.length > 0);
    const names = new Set<string>();
    for (const reference of references) {
      const match = /^([A-Z_][A-Z0-9_]*):-(.+)$/.exec(reference);
      assert.ok(match, `\${${reference}} has no default: Tempo would substitute an empty string`);
      names.add(match[1] as string);
    }
    assert.deepEqual([...names].sort(), ['TEMPO_DATA_DIR', 'TEMPO_GRPC_PORT', 'TEMPO_HTTP_PORT', 'TEMPO_LISTEN_ADDRESS', 'TEMPO_OTLP_GRPC_PORT', 'TEMPO_OTLP_HTTP_PORT']);
    for (const name of names) assert.ok(readme.includes(`\`${name}\``), `tempo/README.md does not document ${name}`);
  });

  it('listens on the ports of docs/architecture.md by default, on loopback unless told otherwise', () => {
    assert.equal(at('server.http_listen_port'), 3200);
    assert.equal(at('server.grpc_listen_port'), 9095);
    assert.equal(at('server.http_listen_address'), '127.0.0.1');
    assert.equal(at('server.grpc_listen_address'), '127.0.0.1');
    assert.equal(at('distributor.receivers.otlp.protocols.grpc.endpoint'), '127.0.0.1:4417');
    assert.equal(at('distributor.receivers.otlp.protocols.http.endpoint'), '127.0.0.1:4418');
    // In-process clients reach the query-frontend and scheduler on Tempo's own gRPC port.
    assert.equal(at('querier.frontend_worker.frontend_address'), '127.0.0.1:9095');
    assert.equal(at('backend_worker.backend_scheduler_addr'), '127.0.0.1:9095');
    assert.deepEqual(at('memberlist.bind_addr'), ['127.0.0.1']);
    const architecture = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    for (const port of [3200, 9095, 4417, 4418]) assert.ok(architecture.includes(String(port)), `port ${port} is not in docs/architecture.md`);
  });

  it('keeps its data under TEMPO_DATA_DIR, with one retention for scheduler and worker, and no usage reporting', () => {
    assert.equal(at('storage.trace.backend'), 'local');
    assert.equal(at('storage.trace.wal.path'), '/var/tempo/wal');
    assert.equal(at('storage.trace.local.path'), '/var/tempo/blocks');
    assert.equal(
      at('backend_scheduler.provider.compaction.compaction.block_retention'),
      at('backend_worker.compaction.block_retention'),
    );
    assert.equal(at('usage_report.reporting_enabled'), false);
  });

  it('is started by docker compose the way the file expects', () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; volumes?: string[] }>;
    };
    const tempo = compose.services['tempo'];
    assert.equal(tempo?.image, 'grafana/tempo:3.0.3');
    for (const flag of ['-target=all', '-config.file=/etc/tempo/tempo.yaml', '-config.expand-env=true']) {
      assert.ok(tempo?.command?.includes(flag), `compose must start Tempo with ${flag}`);
    }
    assert.ok(tempo?.volumes?.includes('./tempo/tempo.yaml:/etc/tempo/tempo.yaml:ro'));
    assert.equal(tempo?.environment?.['TEMPO_LISTEN_ADDRESS'], '0.0.0.0');
    assert.equal(tempo?.environment?.['TEMPO_DATA_DIR'], '/var/tempo');
  });
});

const tempoBinary = process.env['TEMPO_BIN']?.trim();

describe('Tempo itself verifies tempo/tempo.yaml', { skip: tempoBinary ? false : 'set TEMPO_BIN to a Tempo 3.0 binary to have it verify tempo/tempo.yaml' }, () => {
  const data = mkdtempSync(join(tmpdir(), 'o11y-tempo-'));
  after(() => rmSync(data, { recursive: true, force: true }));

  it('tempo -config.verify=true accepts the file (no error, no configuration warning)', () => {
    assert.ok(existsSync(tempoBinary as string), `TEMPO_BIN=${tempoBinary} does not exist`);
    const version = spawnSync(tempoBinary as string, ['-version'], { encoding: 'utf8' });
    assert.match(`${version.stdout}${version.stderr}`, /version 3\./, `TEMPO_BIN is not Tempo 3.x:\n${version.stdout}${version.stderr}`);
    const result = spawnSync(
      tempoBinary as string,
      ['-target=all', `-config.file=${CONFIG}`, '-config.expand-env=true', '-config.verify=true'],
      { cwd: data, encoding: 'utf8', env: { ...process.env, TEMPO_DATA_DIR: data, TEMPO_LISTEN_ADDRESS: '127.0.0.1' }, timeout: 60_000 },
    );
    assert.equal(result.status, 0, `tempo -config.verify=true exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  });
});
