// Telemetry first: it patches http, express and winston, which the modules below require.
import { telemetry } from './instrumentation';
import { exitOnSignals } from '@o11y-demo/telemetry';
import type { AddressInfo } from 'node:net';
import { configOrExit } from '@o11y-demo/service-config';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { createWorkerServer } from './server';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';

const config = configOrExit(() => loadConfig(process.env));
const logger = createLogger();
const server = createWorkerServer(config, logger);

server.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo;
  logger.info('listening', { 'server.address': address, 'server.port': port, 'service.version': SERVICE_VERSION, 'demo.telemetry.enabled': telemetry.enabled });
});
server.on('error', (error) => {
  logger.error(`${SERVICE_NAME} could not listen on ${config.host}:${config.port}`, { err: error });
  void telemetry.shutdown().finally(() => process.exit(1));
});

exitOnSignals({
  steps: [
    () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
    () => telemetry.shutdown(),
  ],
  onError: (message, error) => logger.error(message, { err: error }),
});
