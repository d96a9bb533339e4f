import { metrics } from '@opentelemetry/api';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';

/** The worker's business metric; Prometheus shows it as `demo_items_processed_total`. */
export const itemsProcessed = metrics
  .getMeter(SERVICE_NAME, SERVICE_VERSION)
  .createCounter('demo.items.processed', { description: 'Inventory items processed by the worker.', unit: '{item}' });
