// Telemetry first: it patches http, fastify and pino, which the modules below require.
import { telemetry } from './instrumentation';
import { exitOnSignals } from '@o11y-demo/telemetry';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { configOrExit } from '@o11y-demo/service-config';
import { ScenarioSwitch } from '@o11y-demo/scenarios';
import { loadConfig } from './config';
import { SERVICE_VERSION } from './service-info';
import { createWorkerClient } from './worker-client';

async function main(): Promise<void> {
  const config = configOrExit(() => loadConfig(process.env));
  const app = await buildApp({ config, worker: createWorkerClient(config.workerUrl), scenarios: new ScenarioSwitch() });

  exitOnSignals({
    steps: [() => app.close(), () => telemetry.shutdown()],
    onError: (message, error) => app.log.error({ err: error }, message),
  });

  await app.listen({ host: config.host, port: config.port });
  const { address, port } = app.server.address() as AddressInfo;
  app.log.info(
    { 'server.address': address, 'server.port': port, 'service.version': SERVICE_VERSION, 'demo.telemetry.enabled': telemetry.enabled, 'demo.worker.url': config.workerUrl },
    'listening',
  );
}

main().catch(async (error: unknown) => {
  process.stderr.write(`node-api failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  await telemetry.shutdown();
  process.exit(1);
});
