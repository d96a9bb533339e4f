import { getBooleanFromEnv } from '@opentelemetry/core';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { IMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import { LOOPBACK, PORTS, httpUrl } from '@o11y-demo/topology';
import { createNodeInstrumentations } from './instrumentations';
import { buildServiceResource, type ServiceIdentity } from './resource';

/**
 * How long a shutdown waits for the final flush. With the collector down the
 * exporters would otherwise retry for their full timeout (10 s by default),
 * past the moment a container runtime sends SIGKILL.
 */
const SHUTDOWN_FLUSH_LIMIT_MS = 3_000;

/** The collector's OTLP/HTTP receiver on the native stack (the exporters' own default is `localhost`). */
const DEFAULT_OTLP_ENDPOINT = httpUrl(PORTS.collectorOtlpHttp, LOOPBACK);

export interface TelemetryOptions extends ServiceIdentity {
  /**
   * Instrumentations the service needs beyond the shared ones (e.g. fastify's).
   * A factory, because constructing an instrumentation already patches modules,
   * which must not happen when the SDK is disabled.
   */
  extraInstrumentations?: () => Instrumentation[];
  /**
   * Replace the OTLP exporters, signal by signal (tests use in-memory ones).
   * Injected span and log exporters are fed synchronously, so a test sees a
   * record as soon as it is ended or emitted.
   */
  exporters?: {
    spans?: SpanExporter;
    logs?: LogRecordExporter;
    metricReader?: IMetricReader;
  };
}

export interface TelemetryHandle {
  /** False when `OTEL_SDK_DISABLED=true`: nothing was patched or registered. */
  readonly enabled: boolean;
  /**
   * Flushes what is buffered and stops exporting. Never rejects and returns
   * within a few seconds even when the collector is unreachable (what could not
   * be sent by then is dropped). Safe to call more than once.
   */
  shutdown(): Promise<void>;
}

/**
 * Starts traces, metrics and logs for a service. Must run before the modules it
 * instruments (http, fastify, pino, winston) are first required.
 *
 * Exporters come from the standard `OTEL_*` variables unless injected; export
 * failures are reported only through the OpenTelemetry diagnostic logger, which
 * is silent unless `OTEL_LOG_LEVEL` is set, so a missing collector never writes
 * to the service's stdout or fails a request.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  if (getBooleanFromEnv('OTEL_SDK_DISABLED')) {
    return { enabled: false, shutdown: async () => {} };
  }
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT ??= DEFAULT_OTLP_ENDPOINT;

  const configuration: Partial<NodeSDKConfiguration> = {
    resource: buildServiceResource(options),
    instrumentations: [...createNodeInstrumentations(), ...(options.extraInstrumentations?.() ?? [])],
  };
  const { spans, logs, metricReader } = options.exporters ?? {};
  if (spans) configuration.spanProcessors = [new SimpleSpanProcessor({ exporter: spans })];
  if (logs) configuration.logRecordProcessors = [new SimpleLogRecordProcessor({ exporter: logs })];
  if (metricReader) configuration.metricReaders = [metricReader];

  const sdk = new NodeSDK(configuration);
  sdk.start();

  let stopping: Promise<void> | undefined;
  return {
    enabled: true,
    shutdown: () => (stopping ??= flushWithin(sdk.shutdown(), SHUTDOWN_FLUSH_LIMIT_MS)),
  };
}

/** Export failures were already reported to the diagnostic logger; the caller only needs to know it is over. */
function flushWithin(flush: Promise<void>, limitMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    timer.unref();
    flush.catch(() => {}).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
