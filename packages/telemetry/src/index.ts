export { startTelemetry, DEFAULT_OTLP_ENDPOINT, type TelemetryHandle, type TelemetryOptions } from './start-telemetry';
export { buildServiceResource, SERVICE_NAMESPACE, DEFAULT_DEPLOYMENT_ENVIRONMENT, type ServiceIdentity } from './resource';
export { ENABLED_INSTRUMENTATIONS } from './instrumentations';
export { createFastifyInstrumentation } from './fastify-instrumentation';
export { activeServerSpan, recordServerSpanFailure } from './server-span';
export { exitOnSignals, type ExitOnSignalsOptions } from './exit-on-signals';
export { createEdgeServer, answerClientError, type EdgeRejection, type HttpEdgeOptions } from './http-edge';
