import type { ScenarioName } from '@o11y-demo/scenarios';
import { selectFromInventory, type InventoryStatement } from './inventory-db';

export interface InventoryItem {
  sku: string;
  name: string;
  quantity: number;
}

const CATALOG: ReadonlyArray<Omit<InventoryItem, 'quantity'>> = [
  { sku: 'TEL-001', name: 'Trace collector mug' },
  { sku: 'TEL-002', name: 'Span sticker pack' },
  { sku: 'TEL-003', name: 'Metrics hoodie' },
  { sku: 'TEL-004', name: 'Log line notebook' },
  { sku: 'TEL-005', name: 'Exemplar keychain' },
];

const ITEMS_QUERY = 'SELECT sku, name, quantity FROM inventory WHERE quantity > $1 ORDER BY sku LIMIT $2';
// n-plus-one: the list first, then a lookup per row, as an ORM's lazy loading does.
const SKUS_QUERY = 'SELECT sku FROM inventory WHERE quantity > $1 ORDER BY sku LIMIT $2';
const ITEM_QUERY = 'SELECT sku, name, quantity FROM inventory WHERE sku = $1';

// The numbers the scenario catalog promises (packages/scenarios/src/catalog.ts).
const SLOW_QUERY_ODDS = 1 / 3;
const SLOW_QUERY_MS = { min: 600, spread: 300 };
const LOST_CONNECTION_ODDS = 1 / 4;

/** A small indexed query over a network: the ~15 ms the slow-query scenario is compared with. */
const QUERY_MS = { min: 8, spread: 17 };

/** flaky-worker: the failure a driver reports when the database drops the connection mid-query. */
class LostConnectionError extends Error {
  override name = 'LostConnectionError';
}

export interface InventoryQueryOptions {
  scenarios: readonly ScenarioName[];
  /** Every chance taken here (latency, stock, the scenarios' odds) comes from this, so tests can fix it. */
  random: () => number;
}

/** Reads the inventory the way the active scenarios say: in one query or 1 + N, fast or slow, or not at all. */
export async function queryInventory({ scenarios, random }: InventoryQueryOptions): Promise<InventoryItem[]> {
  // Decided once per /data call, and raised by its first query: "one in four calls fails".
  const lostConnection =
    scenarios.includes('flaky-worker') && random() < LOST_CONNECTION_ODDS
      ? new LostConnectionError('lost database connection to shop: server closed the connection unexpectedly')
      : undefined;
  const roundTrip = (failure?: Error) => roundTripFor(scenarios, random, failure);
  const stock = (item: Omit<InventoryItem, 'quantity'>): InventoryItem => ({ ...item, quantity: 1 + Math.floor(random() * 40) });

  if (!scenarios.includes('n-plus-one')) {
    return selectFromInventory({ text: ITEMS_QUERY, ...roundTrip(lostConnection), rows: () => CATALOG.map(stock) });
  }
  const skus = await selectFromInventory({
    text: SKUS_QUERY,
    ...roundTrip(lostConnection),
    rows: () => CATALOG.map((item) => item.sku),
  });
  const items: InventoryItem[] = [];
  for (const sku of skus) {
    const rows = await selectFromInventory({
      text: ITEM_QUERY,
      ...roundTrip(),
      rows: () => CATALOG.filter((item) => item.sku === sku).map(stock),
    });
    items.push(...rows);
  }
  return items;
}

type RoundTrip = Pick<InventoryStatement<unknown>, 'latencyMs' | 'attributes' | 'failure'>;

/**
 * How one round trip goes. A query that is about to lose its connection is not
 * also made slow, so each scenario's span carries only its own signature.
 */
function roundTripFor(scenarios: readonly ScenarioName[], random: () => number, failure: Error | undefined): RoundTrip {
  if (failure !== undefined) return { latencyMs: usualLatency(random), failure, attributes: { 'demo.scenario.name': 'flaky-worker' } };
  if (scenarios.includes('slow-query') && random() < SLOW_QUERY_ODDS) {
    return { latencyMs: SLOW_QUERY_MS.min + Math.round(random() * SLOW_QUERY_MS.spread), attributes: { 'demo.scenario.name': 'slow-query' } };
  }
  return { latencyMs: usualLatency(random) };
}

function usualLatency(random: () => number): number {
  return QUERY_MS.min + Math.round(random() * QUERY_MS.spread);
}
