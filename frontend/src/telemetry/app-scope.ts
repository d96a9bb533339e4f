/** The instrumentation scope of the spans and logs this app writes itself. */
export const APP_SCOPE = 'o11y-demo-frontend';
