import { readConfigFromDocument } from './telemetry/browser-telemetry-config';
import { startBrowserTelemetry } from './telemetry/start-browser-telemetry';

// Next.js runs this file in the browser before React hydrates the page.
// The config <meta> sits in <head>, which the parser has normally read by
// then; if a cached script ever runs earlier, start as soon as the DOM is
// parsed instead (clicks on the page are then traced without a click span).
function startWhenConfigured(): void {
  const config = readConfigFromDocument(document);
  if (config) {
    startBrowserTelemetry(config);
  } else if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', startWhenConfigured, { once: true });
  }
}

startWhenConfigured();
