import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { RuntimeNodeInstrumentation } from '@opentelemetry/instrumentation-runtime-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { NodeInstrumentationPackage } from './instrumentation-packages';

/** OTLP/HTTP export paths: the SDK's own exports are not requests of the service. */
const OTLP_EXPORT_PATH = /^\/v1\/(traces|metrics|logs)\b/;

/**
 * One instrumentation per package of NODE_INSTRUMENTATION_PACKAGES (the type
 * makes it exactly those). Factories, because constructing an
 * instrumentation already patches modules.
 */
const FACTORIES = {
  '@opentelemetry/instrumentation-http': () =>
    new HttpInstrumentation({
      // Without this every export would add a client duration measurement of its own.
      ignoreOutgoingRequestHook: (request) => OTLP_EXPORT_PATH.test(request.path ?? ''),
    }),
  // Express is instrumented for the matched route, which it hands to the HTTP
  // server span (named `GET /data`, with `http.route`) and to the duration
  // metric, ignored layers included. Its own spans are all off, middleware,
  // router and request handler alike: a `middleware - <name>` span per request
  // guard would bury the spans that tell the story, and `request handler - /data`
  // lasts as long as the server span around it while pushing the query and CPU
  // spans (and the fault attributes set on the active span) one level away from
  // the server span they belong to. fastify's handler spans are off for the same reason.
  '@opentelemetry/instrumentation-express': () => new ExpressInstrumentation({ ignoreLayers: [() => true] }),
  // The global fetch.
  '@opentelemetry/instrumentation-undici': () => new UndiciInstrumentation(),
  '@opentelemetry/instrumentation-pino': () => new PinoInstrumentation(),
  '@opentelemetry/instrumentation-winston': () => new WinstonInstrumentation(),
  '@opentelemetry/instrumentation-runtime-node': () => new RuntimeNodeInstrumentation(),
} satisfies Record<NodeInstrumentationPackage, () => Instrumentation>;

export function createNodeInstrumentations(): Instrumentation[] {
  return Object.values(FACTORIES).map((create) => create());
}
