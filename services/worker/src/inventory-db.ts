import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';

export interface InventoryStatement<Row> {
  /** `db.query.text`: parameterised, as a driver reports it. */
  text: string;
  latencyMs: number;
  /** The rows the table answers with once the round trip is over. */
  rows: () => Row[];
  /** What shaped this query, e.g. the scenario that made it slow. */
  attributes?: Attributes;
  /** Raised after the round trip instead of rows, as a driver reports a broken connection. */
  failure?: Error;
}

const tracer = trace.getTracer(SERVICE_NAME, SERVICE_VERSION);

/**
 * Stands in for one database round trip: a CLIENT span with the database
 * semantic conventions (span name `{operation} {table}`). `other_sql` is the
 * registered value for a SQL store the conventions do not name.
 */
export function selectFromInventory<Row>(statement: InventoryStatement<Row>): Promise<Row[]> {
  return tracer.startActiveSpan(
    'SELECT inventory',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'other_sql',
        'db.namespace': 'shop',
        'db.operation.name': 'SELECT',
        'db.collection.name': 'inventory',
        'db.query.text': statement.text,
        ...statement.attributes,
      },
    },
    async (span) => {
      try {
        await sleep(statement.latencyMs);
        if (statement.failure !== undefined) throw statement.failure;
        const rows = statement.rows();
        span.setAttribute('db.response.returned_rows', rows.length);
        return rows;
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        span.recordException(err);
        span.setAttribute('error.type', err.name);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
