import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { PublicConfig } from '../config/public-config';
import {
  attachTraceContext,
  lastBrowserException,
  type BrowserExceptionReport,
} from '../telemetry/browser-errors';
import { APP_SCOPE } from '../telemetry/app-scope';
import { ATTR_DEMO_ACTION } from '../telemetry/attribute-names';
import { DEMO_ACTIONS, type DemoAction, type DemoActionId } from './demo-actions';

export interface ActionResult {
  actionId: DemoActionId;
  traceId: string;
  ok: boolean;
  /** "200 OK", "500 Internal Server Error", "uncaught error reported", ... */
  status: string;
  latencyMs: number;
  /** Parsed JSON when the response was JSON, else the text. */
  body: unknown;
}

/** How long a thrown error may take to reach the window listeners. */
const REPORT_TIMEOUT_MS = 3000;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function callNodeApi(
  config: PublicConfig,
  path: string,
  span: Span,
): Promise<Omit<ActionResult, 'actionId' | 'traceId'>> {
  const started = performance.now();
  try {
    // fetch() must be called synchronously inside the span's context: the
    // default context manager does not follow `await`, and the fetch
    // instrumentation reads the active context at call time to parent its
    // span and to write `traceparent`.
    const response = await context.with(trace.setSpan(context.active(), span), () =>
      fetch(`${config.nodeApiUrl}${path}`, { headers: { accept: 'application/json' } }),
    );
    const body = parseBody(await response.text());
    const latencyMs = performance.now() - started;
    if (!response.ok) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${response.status}` });
    }
    return {
      ok: response.ok,
      status: `${response.status} ${response.statusText}`.trim(),
      latencyMs,
      body,
    };
  } catch (error) {
    // Network errors and CORS refusals both land here; the browser does not
    // say which, DevTools' network tab does.
    const message = error instanceof Error ? error.message : String(error);
    span.recordException(error instanceof Error ? error : message);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    return {
      ok: false,
      status: 'network error',
      latencyMs: performance.now() - started,
      body: { error: message, hint: `Is node-api running at ${config.nodeApiUrl}?` },
    };
  }
}

function waitForReport(thrown: Error): Promise<BrowserExceptionReport | undefined> {
  return new Promise((resolve) => {
    const timeout = setTimeout(() => {
      unsubscribe();
      resolve(undefined);
    }, REPORT_TIMEOUT_MS);
    const unsubscribe = lastBrowserException.subscribe(() => {
      const report = lastBrowserException.get();
      if (report?.thrown !== thrown) return;
      clearTimeout(timeout);
      unsubscribe();
      resolve(report);
    });
  });
}

async function failInTheBrowser(
  failure: 'uncaught-error' | 'unhandled-rejection',
  span: Span,
): Promise<Omit<ActionResult, 'actionId' | 'traceId'>> {
  const started = performance.now();
  const error = new Error(
    failure === 'uncaught-error'
      ? 'Demo: an error nobody catches, thrown from a timer'
      : 'Demo: a promise rejected with no handler',
  );
  attachTraceContext(error, trace.setSpan(context.active(), span));
  const reported = waitForReport(error);

  if (failure === 'uncaught-error') {
    setTimeout(() => {
      throw error;
    });
  } else {
    void Promise.reject(error);
  }

  const report = await reported;
  if (!report) {
    return {
      ok: false,
      status: 'not reported',
      latencyMs: performance.now() - started,
      body: { error: 'browser telemetry did not report the exception (is it running?)' },
    };
  }
  return {
    // The action worked, but what it produced is an error: show it as one.
    ok: false,
    status: `${report.kind} reported`,
    latencyMs: performance.now() - started,
    body: {
      'exception.type': report.type,
      'exception.message': report.message,
      span: `browser.exception: ${report.kind}`,
      span_id: report.spanId,
      log: 'ERROR exception event (log record EventName exception)',
    },
  };
}

/**
 * Runs one demo action inside its own span. Called from a click handler, the
 * span becomes a child of the user-interaction `click` span, the root of the
 * trace that node-api and the worker continue.
 */
export async function runDemoAction(
  config: PublicConfig,
  actionId: DemoActionId,
  onTraceStarted?: (traceId: string) => void,
): Promise<ActionResult> {
  const action: DemoAction = DEMO_ACTIONS[actionId];
  const span = trace.getTracer(APP_SCOPE).startSpan(action.spanName, {
    attributes: { [ATTR_DEMO_ACTION]: action.id },
  });
  onTraceStarted?.(span.spanContext().traceId);
  try {
    const outcome =
      action.effect.kind === 'api-call'
        ? await callNodeApi(config, action.effect.path, span)
        : await failInTheBrowser(action.effect.failure, span);
    return { actionId, traceId: span.spanContext().traceId, ...outcome };
  } finally {
    span.end();
  }
}
