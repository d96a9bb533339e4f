import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace-web';
import { ATTR_SESSION_ID } from './attribute-names';

/** Stamps `session.id` on every span when it starts. */
export class SessionIdSpanProcessor implements SpanProcessor {
  constructor(private readonly sessionId: string) {}

  onStart(span: Span, _parentContext: Context): void {
    span.setAttribute(ATTR_SESSION_ID, this.sessionId);
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
 * Stamps `session.id` on every log record. It must come before the batch
 * processor in the provider's list: processors run in order.
 */
export class SessionIdLogRecordProcessor implements LogRecordProcessor {
  constructor(private readonly sessionId: string) {}

  onEmit(logRecord: SdkLogRecord): void {
    logRecord.setAttribute(ATTR_SESSION_ID, this.sessionId);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
