// Loaded first by main.ts: the SDK has to patch http, express and winston before anything requires them.
import { startTelemetry } from '@o11y-demo/telemetry';
import { SERVICE_NAME, SERVICE_VERSION } from './service-info';

export const telemetry = startTelemetry({ serviceName: SERVICE_NAME, serviceVersion: SERVICE_VERSION });
