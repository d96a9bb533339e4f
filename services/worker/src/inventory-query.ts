import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';

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

const QUERY_TEXT = 'SELECT sku, name, quantity FROM inventory WHERE quantity > $1 ORDER BY sku LIMIT $2';

const tracer = trace.getTracer(SERVICE_NAME, SERVICE_VERSION);

/**
 * Stands in for a database round trip: a CLIENT span with the database semantic
 * conventions and a latency in the range of a small indexed query over a network.
 * `other_sql` is the registered value for a SQL store the conventions do not name.
 */
export function queryInventory(): Promise<InventoryItem[]> {
  return tracer.startActiveSpan(
    'SELECT inventory',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'other_sql',
        'db.namespace': 'shop',
        'db.operation.name': 'SELECT',
        'db.collection.name': 'inventory',
        'db.query.text': QUERY_TEXT,
      },
    },
    async (span) => {
      try {
        await sleep(8 + Math.round(Math.random() * 17));
        const rows = CATALOG.map((item) => ({ ...item, quantity: 1 + Math.floor(Math.random() * 40) }));
        span.setAttribute('db.response.returned_rows', rows.length);
        return rows;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
