import type { OwnNames } from '../registry';
import type { Finding } from './findings';

/** Resource attributes the demo's own code sets (packages/telemetry/src/resource.ts, frontend/src/telemetry/resource.ts). */
const OWN_RESOURCE_ATTRIBUTES = new Set(['service.name', 'service.namespace', 'service.version', 'deployment.environment.name']);

/**
 * The names the demo's code writes: its registry, plus what its code writes
 * with the conventions' names (every log record and event, its spans and
 * instruments, its resource attributes).
 */
export interface Ownership {
  own: OwnNames;
  /** Instruments the code creates, conventional names included (http.server.request.duration of the HTTP edge). */
  createdMetrics: Set<string>;
}

/**
 * Whether a finding is about a name the demo's own code chose: a registered
 * name, anything on a log record (every record is written by the demo's code:
 * pino and winston lines, the browser's events), and anything on a span or
 * metric the demo's code creates. The rest comes from upstream instrumentations.
 */
export function isOwn(finding: Finding, { own, createdMetrics }: Ownership): boolean {
  const { subject, signal, sampleKind } = finding;
  if (subject.startsWith('demo.') || own.attributes.has(subject) || own.metrics.has(subject) || own.spans.has(subject)) return true;
  if (sampleKind === 'resource' || (signal === undefined && OWN_RESOURCE_ATTRIBUTES.has(subject))) return OWN_RESOURCE_ATTRIBUTES.has(subject);
  if (signal === undefined) return false;
  if (signal.kind === 'log') return true;
  if (signal.kind === 'span') return own.spans.has(signal.name);
  if (signal.kind === 'metric') return own.metrics.has(signal.name) || createdMetrics.has(signal.name);
  return false;
}

/** Which upstream instrumentation (or framework) a finding that is not the demo's comes from. */
export function upstreamSource(finding: Finding): string {
  const { subject, signal, service } = finding;
  const name = signal?.name ?? '';
  if (subject.startsWith('next.') || (service === 'frontend' && signal?.kind === 'span')) return 'Next.js (the page server\'s own spans)';
  if (subject.startsWith('fastify.') || name.startsWith('fastify')) return '@fastify/otel';
  if (/^(v8js|nodejs|process)\./.test(name) || /^(v8js|nodejs)\./.test(subject)) return '@opentelemetry/instrumentation-runtime-node';
  if (subject.startsWith('http.response_content_length')) return '@opentelemetry/sdk-trace-web (resource timing on document-load and fetch spans)';
  if (['event_type', 'target_element', 'target_xpath'].includes(subject) || name === 'click') return '@opentelemetry/instrumentation-user-interaction';
  if (['documentLoad', 'documentFetch', 'resourceFetch'].includes(name)) return '@opentelemetry/instrumentation-document-load';
  if (service === 'frontend-web' && signal?.kind === 'span' && /^HTTP /.test(name)) return '@opentelemetry/instrumentation-fetch';
  if (/^http\.(server|client)\./.test(name) || signal?.kind === 'span') return `${service || 'unknown service'}: HTTP/undici/express instrumentations`;
  return `${service || 'unknown service'}: ${signal ? `${signal.kind} ${name}` : finding.sampleKind}`;
}
