import { metrics } from '@opentelemetry/api';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';

/** node-api's business metric; Prometheus shows it as `demo_items_served_total`. */
export const itemsServed = metrics
  .getMeter(SERVICE_NAME, SERVICE_VERSION)
  .createCounter('demo.items.served', { description: 'Inventory items returned to callers of /data.', unit: '{item}' });
