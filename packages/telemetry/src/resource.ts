import { randomUUID } from 'node:crypto';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

/** Every service of the demo reports under this namespace, so dashboards can select the whole demo. */
const SERVICE_NAMESPACE = 'o11y-demo';
/** Used when `OTEL_RESOURCE_ATTRIBUTES` does not name the environment. */
const DEFAULT_DEPLOYMENT_ENVIRONMENT = 'local';

// service.namespace and deployment.environment.name are still in the incubating
// semantic conventions; plain strings avoid depending on the unstable entry point.
const ATTR_SERVICE_NAMESPACE = 'service.namespace';
const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';

export interface ServiceIdentity {
  serviceName: string;
  serviceVersion: string;
}

/**
 * The demo's own resource attributes. The SDK merges the environment detector's
 * result on top, so `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` still win.
 * `service.instance.id` is a random UUID per process, as the conventions
 * recommend: Prometheus makes it the `instance` label, so a restarted process
 * starts series of its own instead of continuing (and resetting) the last
 * one's counters.
 */
export function buildServiceResource({ serviceName, serviceVersion }: ServiceIdentity): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]: serviceName,
      [ATTR_SERVICE_VERSION]: serviceVersion,
      [ATTR_SERVICE_INSTANCE_ID]: randomUUID(),
      [ATTR_SERVICE_NAMESPACE]: SERVICE_NAMESPACE,
      [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: DEFAULT_DEPLOYMENT_ENVIRONMENT,
    }),
  );
}
