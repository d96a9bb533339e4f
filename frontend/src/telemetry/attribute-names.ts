import type { SCENARIO_ATTRIBUTE } from '@o11y-demo/scenarios';

/**
 * Attribute names from the incubating semantic conventions. The OpenTelemetry
 * docs recommend copying incubating names instead of importing
 * `@opentelemetry/semantic-conventions/incubating`, whose entry point is large
 * and may change between minor versions.
 */
export const ATTR_SERVICE_NAMESPACE = 'service.namespace';
export const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
export const ATTR_SESSION_ID = 'session.id';
export const ATTR_EVENT_NAME = 'event.name';

/** The project's own names for browser log records (docs/architecture.md). */
export const EVENT_WEB_VITAL = 'browser.web_vital';
export const EVENT_BROWSER_EXCEPTION = 'browser.exception';
export const ATTR_WEB_VITAL_NAME = 'web_vital.name';
export const ATTR_WEB_VITAL_VALUE = 'web_vital.value';
export const ATTR_WEB_VITAL_RATING = 'web_vital.rating';

/**
 * The workshop scenarios on when a span started or a record was emitted
 * (string array). Same name as `SCENARIO_ATTRIBUTE` in @o11y-demo/scenarios,
 * which node-api and the worker use; the type below fails the build if the
 * two ever differ, without bundling that package (CommonJS, with zod) into
 * the browser.
 */
export const ATTR_DEMO_SCENARIOS: typeof SCENARIO_ATTRIBUTE = 'demo.scenarios';
