import type { OwnNames } from '../registry';
import type { Finding } from './findings';

/** Resource attributes the demo's own code sets (packages/telemetry/src/resource.ts, frontend/src/telemetry/resource.ts). */
const OWN_RESOURCE_ATTRIBUTES = new Set(['service.name', 'service.namespace', 'service.version', 'service.instance.id', 'deployment.environment.name']);

/**
 * Instrumentation scopes whose every name the demo's code chose: its own
 * tracers and meters, the log bridges that send the services' log lines with
 * the fields the code wrote, and the collector connector that makes the
 * demo's RUM metrics from the browser's events (collector/config.yaml).
 */
const OWN_SCOPES = new Set([
  'o11y-demo-frontend',
  'node-api',
  'worker',
  '@opentelemetry/instrumentation-pino',
  '@opentelemetry/winston-transport',
  'github.com/open-telemetry/opentelemetry-collector-contrib/connector/signaltometricsconnector',
]);

/**
 * Whether a finding is about a name the demo chose: a registered name
 * (`demo.*` and the others in semconv/model) wherever it appears, a resource
 * attribute the demo's code sets, or anything sent under one of the demo's
 * own scopes. The rest comes from upstream instrumentations.
 */
export function isOwn(finding: Finding, own: OwnNames): boolean {
  const { subject, on, scope } = finding;
  if (subject.startsWith('demo.') || own.attributes.has(subject) || own.metrics.has(subject) || own.spans.has(subject)) return true;
  if (on === 'resource') return OWN_RESOURCE_ATTRIBUTES.has(subject);
  return OWN_SCOPES.has(scope);
}

/** Where a finding that is not the demo's comes from: the instrumentation scope, or what adds the resource attribute. */
export function upstreamSource(finding: Finding): string {
  if (finding.on !== 'resource') return finding.scope || '(no scope)';
  if (finding.subject.startsWith('signal_to_metrics.')) return 'signal_to_metrics connector (resource of the metrics it makes)';
  return `SDK resource detectors (${finding.service})`;
}
