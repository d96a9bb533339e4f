import { context, SpanStatusCode, trace, type Context, type Tracer } from '@opentelemetry/api';
import { SeverityNumber, type Logger } from '@opentelemetry/api-logs';
import {
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_URL_PATH,
  EVENT_EXCEPTION,
} from '@opentelemetry/semantic-conventions';
import { observableValue } from './observable-value';

type BrowserExceptionKind = 'uncaught error' | 'unhandled rejection';

export interface BrowserExceptionReport {
  kind: BrowserExceptionKind;
  /** The thrown value, so whoever threw it can recognise its own report. */
  thrown: unknown;
  type: string;
  message: string;
  traceId: string;
  spanId: string;
}

/** The most recent report, for the page to display. */
export const lastBrowserException = observableValue<BrowserExceptionReport | undefined>(undefined);

/**
 * By the time `window.onerror` runs, the code that threw has unwound and its
 * span is no longer the active one. Code that throws on purpose can say which
 * trace the error belongs to; anything else starts a trace of its own.
 */
const traceContextOfError = new WeakMap<object, Context>();

export function attachTraceContext(error: object, traceContext: Context): void {
  traceContextOfError.set(error, traceContext);
}

function describe(thrown: unknown): { type: string; message: string; stacktrace: string } {
  if (thrown instanceof Error) {
    return { type: thrown.name, message: thrown.message, stacktrace: thrown.stack ?? '' };
  }
  return { type: typeof thrown, message: String(thrown), stacktrace: '' };
}

function report(tracer: Tracer, logger: Logger, kind: BrowserExceptionKind, thrown: unknown): void {
  const { type, message, stacktrace } = describe(thrown);
  const parent =
    (typeof thrown === 'object' && thrown !== null && traceContextOfError.get(thrown)) ||
    context.active();

  const span = tracer.startSpan(`browser.exception: ${kind}`, {}, parent);
  span.recordException(thrown instanceof Error ? thrown : { name: type, message });
  span.setStatus({ code: SpanStatusCode.ERROR, message });

  // Emitted inside the span so the log record carries its trace and span id:
  // the conventions' `exception` event, as a log record.
  context.with(trace.setSpan(parent, span), () => {
    logger.emit({
      eventName: EVENT_EXCEPTION,
      severityNumber: SeverityNumber.ERROR,
      severityText: 'ERROR',
      body: `${kind}: ${type}: ${message}`,
      attributes: {
        [ATTR_EXCEPTION_TYPE]: type,
        [ATTR_EXCEPTION_MESSAGE]: message,
        [ATTR_EXCEPTION_STACKTRACE]: stacktrace,
        [ATTR_URL_PATH]: location.pathname,
      },
    });
  });
  span.end();

  const { traceId, spanId } = span.spanContext();
  lastBrowserException.set({ kind, thrown, type, message, traceId, spanId });
}

/**
 * Uncaught errors and unhandled rejections become an ERROR `exception` event
 * (a log record) and an exception on a `browser.exception: <kind>` span. The browser still prints them:
 * the listeners observe, they do not swallow.
 */
export function captureBrowserExceptions(tracer: Tracer, logger: Logger): void {
  window.addEventListener('error', (event: ErrorEvent) => {
    // Failed <img>/<script> loads also dispatch 'error' on window (capture
    // only); they are not exceptions.
    if (!(event instanceof ErrorEvent)) return;
    report(tracer, logger, 'uncaught error', event.error ?? event.message);
  });
  window.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    report(tracer, logger, 'unhandled rejection', event.reason);
  });
}
