import { trace } from '@opentelemetry/api';
import { recordServerSpanFailure } from '@o11y-demo/telemetry';
import type { FastifyInstance } from 'fastify';
import type { NodeApiConfig } from '../config';
import { applyFaults, parseFaultQuery } from '@o11y-demo/fault-injection';
import { itemsServed } from '../items-metric';
import { floodLogs, WORKER_TIMEOUT_SCENARIO_MS, withScenarioBaggage } from '../scenarios';
import { SERVICE_NAME } from '../service-info';
import { WorkerError, WorkerTimeoutError, type WorkerClient } from '../worker-client';

export function registerDataRoute(app: FastifyInstance, config: NodeApiConfig, worker: WorkerClient): void {
  app.get<{ Querystring: Record<string, unknown> }>('/data', async function getData(request, reply) {
    const scenarios = request.activeScenarios;
    // First thing, like the forgotten debug statement it stands for: every /data request floods, whatever follows.
    if (scenarios.includes('log-flood')) floodLogs(request.log);
    const faults = parseFaultQuery(request.query, { delayMs: config.defaultDelayMs, failRate: config.defaultFailRate });
    if (!faults.ok) {
      return reply.code(400).send({ error: 'invalid_parameter', parameter: faults.parameter, message: faults.message });
    }
    await applyFaults(faults.settings);

    const timeoutMs = scenarios.includes('worker-timeout') ? WORKER_TIMEOUT_SCENARIO_MS : undefined;
    let data;
    try {
      data = await withScenarioBaggage(scenarios, () => worker.fetchData({ timeoutMs }));
    } catch (error) {
      if (!(error instanceof WorkerError)) throw error;
      // The worker's failure is this service's failure too: 502 (504 when it was too slow) shows where it came from.
      recordServerSpanFailure(error);
      if (error instanceof WorkerTimeoutError) {
        request.log.error({ err: error, 'demo.worker.timeout_ms': error.timeoutMs }, 'worker call timed out');
        return reply.code(504).send({ error: 'worker_timeout', message: error.message });
      }
      request.log.error({ err: error, 'demo.worker.status_code': error.workerStatus }, 'worker call failed');
      return reply.code(502).send({ error: 'worker_failed', message: error.message });
    }

    itemsServed.add(data.items.length);
    request.log.info({ 'demo.items.count': data.items.length }, 'inventory served');
    return {
      service: SERVICE_NAME,
      traceId: trace.getActiveSpan()?.spanContext().traceId,
      delayMs: faults.settings.delayMs,
      itemCount: data.items.length,
      worker: data,
    };
  });
}
