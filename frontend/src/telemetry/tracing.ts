import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { UserInteractionInstrumentation } from '@opentelemetry/instrumentation-user-interaction';
import type { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import type { PublicConfig } from '../config/public-config';
import { TELEMETRY_ROUTE_PREFIX } from '../telemetry-report/route-path';
import { OutageTolerantExporter } from './collector-reachability';
import { EXPORT_DELAY_MS, EXPORT_TIMEOUT_MS } from './export-settings';
import { PageAttributesSpanProcessor, pageAttributes } from './stamping-processors';
import { urlPrefixPattern } from './url-patterns';

/**
 * React (and Next.js) attach one click listener per phase on the document.
 * Without zone.js the user-interaction instrumentation opens a span for every
 * listener call, so each click would become a `click` span inside another
 * `click` span. Keeping only the bubble phase leaves one `click` span, the
 * one React's onClick handlers run in, and so the root of the action's trace.
 */
function isCapturePhaseDispatch(): boolean {
  return window.event?.eventPhase === Event.CAPTURING_PHASE;
}

export function startTracing(
  config: PublicConfig,
  resource: Resource,
  sessionId: string,
): WebTracerProvider {
  const exporter = new OutageTolerantExporter(
    new OTLPTraceExporter({ url: `${config.otlpUrl}/v1/traces`, timeoutMillis: EXPORT_TIMEOUT_MS }),
  );
  const provider = new WebTracerProvider({
    resource,
    spanProcessors: [
      new PageAttributesSpanProcessor(pageAttributes(sessionId)),
      new BatchSpanProcessor(exporter, { scheduledDelayMillis: EXPORT_DELAY_MS }),
    ],
  });
  // The default StackContextManager: context follows synchronous calls only,
  // which is enough because every action calls fetch() synchronously inside
  // its span (see demo/run-action.ts). zone.js would add ~100 KB.
  provider.register();

  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new DocumentLoadInstrumentation(),
      new FetchInstrumentation({
        // Cross-origin requests get `traceparent` only when listed here:
        // node-api's CORS policy allows the header (see README).
        propagateTraceHeaderCorsUrls: [urlPrefixPattern(config.nodeApiUrl)],
        // The exporters already bypass the instrumentation; this keeps any
        // other request to the collector out of the traces too. The panel's
        // polls of its own route are not what the visitor did: a trace per
        // poll would bury the click's trace among a dozen of the page's own.
        ignoreUrls: [
          urlPrefixPattern(config.otlpUrl),
          urlPrefixPattern(`${window.location.origin}${TELEMETRY_ROUTE_PREFIX}`),
        ],
        clearTimingResources: true,
      }),
      new UserInteractionInstrumentation({
        eventNames: ['click'],
        shouldPreventSpanCreation: isCapturePhaseDispatch,
      }),
    ],
  });
  return provider;
}
