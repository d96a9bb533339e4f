import { applyFaults, parseFaultQuery } from '@o11y-demo/fault-injection';
import { trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { WorkerConfig } from './config';
import { waitForInventoryLock } from './inventory-lock';
import { queryInventory } from './inventory-query';
import { itemsProcessed } from './items-metric';
import type { Logger } from './logger';
import { requestScenarios } from './scenarios';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';
import { summariseStock } from './stock-summary';

export interface RouteDependencies {
  config: WorkerConfig;
  logger: Logger;
  random: () => number;
}

/** Thrown by /error: a failure on purpose, for the workshop. */
class DemoFailure extends Error {
  override name = 'DemoFailure';
}

const root: RequestHandler = (_req, res) => {
  res.json({ service: SERVICE_NAME, version: SERVICE_VERSION, status: 'ok' });
};

const health: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};

function data({ config, logger, random }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const faults = parseFaultQuery(req.query, { delayMs: config.defaultDelayMs, failRate: config.defaultFailRate });
    if (!faults.ok) {
      res.status(400).json({ error: 'invalid_parameter', parameter: faults.parameter, message: faults.message });
      return;
    }
    await applyFaults(faults.settings, random);
    const scenarios = requestScenarios();
    if (scenarios.includes('worker-timeout')) await waitForInventoryLock();
    const items = await queryInventory({ scenarios, random });
    const summary = summariseStock(items);
    itemsProcessed.add(items.length);
    logger.info('inventory processed', { 'demo.items.count': items.length, 'demo.stock.total': summary.totalQuantity });
    res.json({ service: SERVICE_NAME, items, summary, traceId: trace.getActiveSpan()?.spanContext().traceId });
  };
}

const error: RequestHandler = () => {
  throw new DemoFailure('Simulated failure in the worker (GET /error fails on purpose)');
};

/** The `GET` routes by path; Express reports the path as `http.route`, since none has parameters. */
export function workerRoutes(dependencies: RouteDependencies): ReadonlyMap<string, RequestHandler> {
  return new Map([
    ['/', root],
    ['/health', health],
    ['/data', data(dependencies)],
    ['/error', error],
  ]);
}
