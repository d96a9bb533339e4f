import { startOtlpReceiver, type OtlpReceiver } from '@o11y-demo/telemetry/testing/otlp-receiver';
import { startServiceProcess, type ServiceProcess } from '@o11y-demo/telemetry/testing/service-process';
import { join } from 'node:path';

export const NODE_API_ENTRY = join(__dirname, '..', 'dist', 'main.js');
export const WORKER_ENTRY = join(__dirname, '..', '..', 'worker', 'dist', 'main.js');

/** Short export intervals so a test sees its telemetry within a fraction of a second. */
export function fastExportEnv(otlpEndpoint: string): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '50',
    OTEL_BLRP_SCHEDULE_DELAY: '50',
    OTEL_METRIC_EXPORT_INTERVAL: '250',
    OTEL_METRIC_EXPORT_TIMEOUT: '200',
    OTEL_SDK_DISABLED: 'false',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test',
    HOST: '127.0.0.1',
    // Port 0: the OS picks a free port, never the 8001/8002 a running demo holds.
    PORT: '0',
  };
}

export interface TwoServices {
  worker: ServiceProcess;
  nodeApi: ServiceProcess;
  stop(): Promise<void>;
}

/** Starts the worker, then node-api pointed at it, both exporting to `otlpEndpoint`. */
export async function startTwoServices(otlpEndpoint: string, extraEnv: Record<string, string> = {}): Promise<TwoServices> {
  const env = { ...fastExportEnv(otlpEndpoint), ...extraEnv };
  const worker = await startServiceProcess({ entry: WORKER_ENTRY, env });
  const nodeApi = await startServiceProcess({ entry: NODE_API_ENTRY, env: { ...env, WORKER_URL: worker.url } }).catch(
    async (error: unknown) => {
      await worker.stop();
      throw error;
    },
  );
  return {
    worker,
    nodeApi,
    async stop() {
      await Promise.all([nodeApi.stop(), worker.stop()]);
    },
  };
}

export { startOtlpReceiver, type OtlpReceiver };
