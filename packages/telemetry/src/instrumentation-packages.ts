/**
 * The instrumentation packages the Node services load, and nothing else:
 * fs, dns and net would add a span per syscall, and the auto-instrumentations
 * bundle would load some forty into every process to switch all but these
 * off. No imports here: the page's next.config.ts reads this list (they must
 * stay external to its server bundle) without loading the SDK.
 */
export const NODE_INSTRUMENTATION_PACKAGES = [
  '@opentelemetry/instrumentation-http',
  '@opentelemetry/instrumentation-express',
  '@opentelemetry/instrumentation-undici',
  '@opentelemetry/instrumentation-pino',
  '@opentelemetry/instrumentation-winston',
  '@opentelemetry/instrumentation-runtime-node',
] as const;

export type NodeInstrumentationPackage = (typeof NODE_INSTRUMENTATION_PACKAGES)[number];
