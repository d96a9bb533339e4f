import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { observableValue } from './observable-value';

export type CollectorReachability = 'unknown' | 'reachable' | 'unreachable';

/** What the page shows in its "collector" badge. */
export const collectorReachability = observableValue<CollectorReachability>('unknown');

/**
 * After a failed export, batches are dropped for this long instead of being
 * sent. Every failed request prints a network error in the browser console
 * that no JavaScript can hide, and the OTLP exporter retries each batch a few
 * times: without a pause, a stopped collector would flood the console.
 */
const PAUSE_AFTER_FAILURE_MS = 30_000;

let pausedUntil = 0;

/** The shape shared by the span and the log record exporters. */
interface BatchExporter<T> {
  export(items: T[], resultCallback: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/**
 * Wraps an OTLP exporter so that an unreachable collector costs one failed
 * request per pause window, and the UI learns whether telemetry gets through.
 * The span and the log exporters share the pause: they talk to the same
 * collector.
 */
export class OutageTolerantExporter<T> implements BatchExporter<T> {
  constructor(private readonly inner: BatchExporter<T>) {}

  export(items: T[], resultCallback: (result: ExportResult) => void): void {
    if (Date.now() < pausedUntil) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error('collector unreachable: batch dropped'),
      });
      return;
    }
    this.inner.export(items, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        collectorReachability.set('reachable');
      } else {
        pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
        collectorReachability.set('unreachable');
      }
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
