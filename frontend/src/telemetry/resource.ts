import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { PublicConfig } from '../config/public-config';
import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME, ATTR_SERVICE_NAMESPACE } from './attribute-names';

const BROWSER_SERVICE_NAME = 'frontend-web';
const SERVICE_NAMESPACE = 'o11y-demo';

export function createBrowserResource(config: PublicConfig): Resource {
  return resourceFromAttributes({
    [ATTR_SERVICE_NAME]: BROWSER_SERVICE_NAME,
    [ATTR_SERVICE_NAMESPACE]: SERVICE_NAMESPACE,
    [ATTR_SERVICE_VERSION]: config.serviceVersion,
    [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: config.deploymentEnvironment,
  });
}
