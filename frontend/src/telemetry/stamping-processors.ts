import type { AttributeValue, Context } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace-web';
import { scenarioSnapshot } from '../scenarios/scenario-store';
import { ATTR_DEMO_SCENARIOS, ATTR_SESSION_ID } from './attribute-names';

/** What to stamp on a span or log record, read at the moment it starts or is emitted. */
export type PageAttributes = () => Record<string, AttributeValue>;

/**
 * The attributes every browser span and log record carries: `session.id`
 * always, and `demo.scenarios` (a string array, as node-api and the worker
 * write it) only while scenarios are on, so absent means "normal" and a
 * learner can tell the clicks, and the web vitals, made under a scenario
 * from the ones made before.
 */
export function pageAttributes(sessionId: string): PageAttributes {
  return () => {
    const attributes: Record<string, AttributeValue> = { [ATTR_SESSION_ID]: sessionId };
    const active = scenarioSnapshot.get().active;
    if (active.length > 0) attributes[ATTR_DEMO_SCENARIOS] = [...active];
    return attributes;
  };
}

/** Stamps the page's attributes on every span when it starts. */
export class PageAttributesSpanProcessor implements SpanProcessor {
  constructor(private readonly attributes: PageAttributes) {}

  onStart(span: Span, _parentContext: Context): void {
    span.setAttributes(this.attributes());
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Stamps the page's attributes on every log record. It must come before the
 * batch processor in the provider's list: processors run in order.
 */
export class PageAttributesLogRecordProcessor implements LogRecordProcessor {
  constructor(private readonly attributes: PageAttributes) {}

  onEmit(logRecord: SdkLogRecord): void {
    logRecord.setAttributes(this.attributes());
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
