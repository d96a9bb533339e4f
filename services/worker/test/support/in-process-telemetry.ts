// Imported before anything the SDK instruments (express, http, winston), as
// src/instrumentation.ts is in main.ts: the SDK patches modules as they are first required.
import { startTelemetry } from '@o11y-demo/telemetry';
import type { Attributes } from '@opentelemetry/api';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { MetricReader, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { SERVICE_NAME, SERVICE_VERSION } from '../../src/service-info';

delete process.env.OTEL_SDK_DISABLED;

/** Collects only when a test asks, so a test reads the metrics as they are at that moment. */
class OnDemandMetricReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

export const spans = new InMemorySpanExporter();
export const logs = new InMemoryLogRecordExporter();
const metricReader = new OnDemandMetricReader();

export const telemetry = startTelemetry({
  serviceName: SERVICE_NAME,
  serviceVersion: SERVICE_VERSION,
  exporters: { spans, logs, metricReader },
});

/** The data points of `http.server.request.duration` so far, one per attribute set. */
export async function requestDurations(): Promise<Array<{ attributes: Attributes; count: number }>> {
  const { resourceMetrics } = await metricReader.collect();
  return resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric): metric is HistogramMetricData => metric.descriptor.name === 'http.server.request.duration')
    .flatMap((metric) => metric.dataPoints.map((point) => ({ attributes: point.attributes, count: point.value.count })));
}
