import { trace } from '@opentelemetry/api';
import { recordServerSpanFailure } from '@o11y-demo/telemetry';
import type { WorkerConfig } from './config';
import { applyFaults, parseFaultQuery } from '@o11y-demo/fault-injection';
import { queryInventory } from './inventory-query';
import { itemsProcessed } from './items-metric';
import type { Logger } from './logger';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';
import { summariseStock } from './stock-summary';

export interface RouteResult {
  statusCode: number;
  body: unknown;
}

export interface RouteContext {
  query: URLSearchParams;
  config: WorkerConfig;
  logger: Logger;
}

export type RouteHandler = (ctx: RouteContext) => Promise<RouteResult>;

/** Thrown by /error: a failure on purpose, for the workshop. */
export class DemoFailure extends Error {
  override name = 'DemoFailure';
}

async function root(): Promise<RouteResult> {
  return { statusCode: 200, body: { service: SERVICE_NAME, version: SERVICE_VERSION, status: 'ok' } };
}

async function health(): Promise<RouteResult> {
  return { statusCode: 200, body: { status: 'ok' } };
}

async function data({ query, config, logger }: RouteContext): Promise<RouteResult> {
  const faults = parseFaultQuery(Object.fromEntries(query), {
    delayMs: config.defaultDelayMs,
    failRate: config.defaultFailRate,
  });
  if (!faults.ok) {
    return { statusCode: 400, body: { error: 'invalid_parameter', parameter: faults.parameter, message: faults.message } };
  }
  await applyFaults(faults.settings);
  const items = await queryInventory();
  const summary = summariseStock(items);
  itemsProcessed.add(items.length);
  logger.info('inventory processed', { 'demo.items.count': items.length, 'demo.stock.total': summary.totalQuantity });
  return {
    statusCode: 200,
    body: {
      service: SERVICE_NAME,
      items,
      summary,
      traceId: trace.getActiveSpan()?.spanContext().traceId,
    },
  };
}

async function error(): Promise<RouteResult> {
  throw new DemoFailure('Simulated failure in the worker (GET /error fails on purpose)');
}

/** `GET` routes by path; the path doubles as `http.route` since none has parameters. */
export const ROUTES: ReadonlyMap<string, RouteHandler> = new Map([
  ['/', root],
  ['/health', health],
  ['/data', data],
  ['/error', error],
]);

/** Turns a thrown error into the 500 every route answers with, visible in all three signals. */
export function failureResult(err: Error, logger: Logger): RouteResult {
  recordServerSpanFailure(err);
  logger.error('request failed', { err });
  return { statusCode: 500, body: { error: 'internal_error', message: err.message } };
}
