import {
  getNodeAutoInstrumentations,
  type InstrumentationConfigMap,
} from '@opentelemetry/auto-instrumentations-node';
import type { Instrumentation } from '@opentelemetry/instrumentation';

type InstrumentationName = keyof InstrumentationConfigMap;

/**
 * Every instrumentation the auto-instrumentations package knows, on or off.
 * The record is exhaustive on purpose: when an upgrade adds one, the build fails
 * until someone decides about it, instead of it silently patching more modules.
 * Only what the services use is on; fs, dns and net would add a span per syscall.
 */
const ENABLED: Record<InstrumentationName, boolean> = {
  '@opentelemetry/instrumentation-http': true,
  '@opentelemetry/instrumentation-express': true,
  '@opentelemetry/instrumentation-undici': true,
  '@opentelemetry/instrumentation-pino': true,
  '@opentelemetry/instrumentation-winston': true,
  '@opentelemetry/instrumentation-runtime-node': true,
  '@opentelemetry/instrumentation-amqplib': false,
  '@opentelemetry/instrumentation-aws-lambda': false,
  '@opentelemetry/instrumentation-aws-sdk': false,
  '@opentelemetry/instrumentation-bunyan': false,
  '@opentelemetry/instrumentation-cassandra-driver': false,
  '@opentelemetry/instrumentation-connect': false,
  '@opentelemetry/instrumentation-cucumber': false,
  '@opentelemetry/instrumentation-dataloader': false,
  '@opentelemetry/instrumentation-dns': false,
  '@opentelemetry/instrumentation-fs': false,
  '@opentelemetry/instrumentation-generic-pool': false,
  '@opentelemetry/instrumentation-graphql': false,
  '@opentelemetry/instrumentation-grpc': false,
  '@opentelemetry/instrumentation-hapi': false,
  '@opentelemetry/instrumentation-host-metrics': false,
  '@opentelemetry/instrumentation-ioredis': false,
  '@opentelemetry/instrumentation-kafkajs': false,
  '@opentelemetry/instrumentation-knex': false,
  '@opentelemetry/instrumentation-koa': false,
  '@opentelemetry/instrumentation-lru-memoizer': false,
  '@opentelemetry/instrumentation-memcached': false,
  '@opentelemetry/instrumentation-mongodb': false,
  '@opentelemetry/instrumentation-mongoose': false,
  '@opentelemetry/instrumentation-mysql2': false,
  '@opentelemetry/instrumentation-mysql': false,
  '@opentelemetry/instrumentation-nestjs-core': false,
  '@opentelemetry/instrumentation-net': false,
  '@opentelemetry/instrumentation-openai': false,
  '@opentelemetry/instrumentation-oracledb': false,
  '@opentelemetry/instrumentation-pg': false,
  '@opentelemetry/instrumentation-redis': false,
  '@opentelemetry/instrumentation-restify': false,
  '@opentelemetry/instrumentation-router': false,
  '@opentelemetry/instrumentation-socket.io': false,
  '@opentelemetry/instrumentation-tedious': false,
};

export const ENABLED_INSTRUMENTATIONS: readonly InstrumentationName[] = (
  Object.keys(ENABLED) as InstrumentationName[]
).filter((name) => ENABLED[name]);

/** OTLP/HTTP export paths: the SDK's own exports are not requests of the service. */
const OTLP_EXPORT_PATH = /^\/v1\/(traces|metrics|logs)\b/;

export function createNodeInstrumentations(): Instrumentation[] {
  const config: InstrumentationConfigMap = {};
  for (const name of Object.keys(ENABLED) as InstrumentationName[]) {
    if (!ENABLED[name]) config[name] = { enabled: false };
  }
  config['@opentelemetry/instrumentation-http'] = {
    // Without this every export would add a client duration measurement of its own.
    ignoreOutgoingRequestHook: (request) => OTLP_EXPORT_PATH.test(request.path ?? ''),
  };
  config['@opentelemetry/instrumentation-express'] = {
    // Express is instrumented for the matched route, which it hands to the HTTP
    // server span (named `GET /data`, with `http.route`) and to the duration
    // metric, ignored layers included. Its own spans are all off, middleware,
    // router and request handler alike: a `middleware - <name>` span per request
    // guard would bury the spans that tell the story, and `request handler - /data`
    // lasts as long as the server span around it while pushing the query and CPU
    // spans (and the fault attributes set on the active span) one level away from
    // the server span they belong to. fastify's handler spans are off for the same reason.
    ignoreLayers: [() => true],
  };
  return getNodeAutoInstrumentations(config);
}
