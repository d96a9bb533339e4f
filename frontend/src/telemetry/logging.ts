import { logs } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import type { Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import type { PublicConfig } from '../config/public-config';
import { OutageTolerantExporter } from './collector-reachability';
import { EXPORT_DELAY_MS, EXPORT_TIMEOUT_MS } from './export-settings';
import { PageAttributesLogRecordProcessor, pageAttributes } from './stamping-processors';

export function startLogging(
  config: PublicConfig,
  resource: Resource,
  sessionId: string,
): LoggerProvider {
  const exporter = new OutageTolerantExporter(
    new OTLPLogExporter({ url: `${config.otlpUrl}/v1/logs`, timeoutMillis: EXPORT_TIMEOUT_MS }),
  );
  const provider = new LoggerProvider({
    resource,
    processors: [
      new PageAttributesLogRecordProcessor(pageAttributes(sessionId)),
      new BatchLogRecordProcessor({ exporter, scheduledDelayMillis: EXPORT_DELAY_MS }),
    ],
  });
  logs.setGlobalLoggerProvider(provider);
  return provider;
}
