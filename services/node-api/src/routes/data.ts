import { trace } from '@opentelemetry/api';
import { recordServerSpanFailure } from '@o11y-demo/telemetry';
import type { FastifyInstance } from 'fastify';
import type { NodeApiConfig } from '../config';
import { applyFaults, parseFaultQuery } from '@o11y-demo/fault-injection';
import { itemsServed } from '../items-metric';
import { SERVICE_NAME } from '../service-info';
import { WorkerError, type WorkerClient } from '../worker-client';

export function registerDataRoute(app: FastifyInstance, config: NodeApiConfig, worker: WorkerClient): void {
  app.get<{ Querystring: Record<string, unknown> }>('/data', async function getData(request, reply) {
    const faults = parseFaultQuery(request.query, { delayMs: config.defaultDelayMs, failRate: config.defaultFailRate });
    if (!faults.ok) {
      return reply.code(400).send({ error: 'invalid_parameter', parameter: faults.parameter, message: faults.message });
    }
    await applyFaults(faults.settings);

    let data;
    try {
      data = await worker.fetchData();
    } catch (error) {
      if (!(error instanceof WorkerError)) throw error;
      // The worker's failure is this service's failure too: 502 shows where it came from.
      recordServerSpanFailure(error);
      request.log.error({ err: error, 'worker.status_code': error.workerStatus }, 'worker call failed');
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
