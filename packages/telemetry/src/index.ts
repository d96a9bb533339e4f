export { startTelemetry, type TelemetryHandle, type TelemetryOptions } from './start-telemetry';
export { createFastifyInstrumentation } from './fastify-instrumentation';
export { activeServerSpan, recordServerSpanFailure } from './server-span';
export { exitOnSignals } from './exit-on-signals';
export { createEdgeServer, answerClientError, type EdgeRejection } from './http-edge';
