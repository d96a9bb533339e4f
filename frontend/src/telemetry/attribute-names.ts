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

/** The conventions' `browser.web_vital` event: its name goes in the log record's EventName field. */
export const EVENT_BROWSER_WEB_VITAL = 'browser.web_vital';
export const ATTR_BROWSER_WEB_VITAL_NAME = 'browser.web_vital.name';
export const ATTR_BROWSER_WEB_VITAL_VALUE = 'browser.web_vital.value';
export const ATTR_BROWSER_WEB_VITAL_DELTA = 'browser.web_vital.delta';
export const ATTR_BROWSER_WEB_VITAL_ID = 'browser.web_vital.id';
export const ATTR_BROWSER_WEB_VITAL_RATING = 'browser.web_vital.rating';
export const ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE = 'browser.web_vital.navigation_type';

/**
 * The demo's own names below are registered in semconv/model (the reference
 * for what they mean); semconv/test checks that the two agree.
 *
 * The workshop scenarios on when a span started or a record was emitted
 * (string array). Same name as `SCENARIO_ATTRIBUTE` in @o11y-demo/scenarios,
 * which node-api and the worker use; the type below fails the build if the
 * two ever differ, without bundling that package (CommonJS, with zod) into
 * the browser.
 */
export const ATTR_DEMO_SCENARIOS: typeof SCENARIO_ATTRIBUTE = 'demo.scenarios';

/** The button a click's span belongs to. */
export const ATTR_DEMO_ACTION = 'demo.action';

/** How long the long-task scenario blocked the main thread. */
export const ATTR_DEMO_BLOCKED_MS = 'demo.blocked_ms';
