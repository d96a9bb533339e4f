import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace-web';
import { ATTR_DEMO_SCENARIOS } from './attribute-names';

/** The scenarios switched on right now, as the page last heard from node-api. */
export type ActiveScenarios = () => readonly string[];

/**
 * Stamps `demo.scenarios` (a string array, as node-api and the worker write
 * it) on every span that starts while scenarios are on, so a learner can
 * find the clicks made under a scenario in the trace store, and tell them
 * from the ones made before. Left off entirely when none is on: absent
 * means "normal", which keeps every other span as it was.
 */
export class ScenarioSpanProcessor implements SpanProcessor {
  constructor(private readonly activeScenarios: ActiveScenarios) {}

  onStart(span: Span, _parentContext: Context): void {
    const active = this.activeScenarios();
    if (active.length > 0) span.setAttribute(ATTR_DEMO_SCENARIOS, [...active]);
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
 * The same on log records: a web vital reported while `layout-shift` or
 * `long-task` is on says so, which is what tells a bad CLS or INP caused by
 * the workshop from a real one. Must come before the batch processor.
 */
export class ScenarioLogRecordProcessor implements LogRecordProcessor {
  constructor(private readonly activeScenarios: ActiveScenarios) {}

  onEmit(logRecord: SdkLogRecord): void {
    const active = this.activeScenarios();
    if (active.length > 0) logRecord.setAttribute(ATTR_DEMO_SCENARIOS, [...active]);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
