import type { LogStore, MetricStore, TraceStore } from '@o11y-demo/telemetry-query';
import type { Browser } from '@playwright/test';
import type { ScenarioApi } from '../scenario-api';
import type { WorkshopTargets } from '../targets';

/** What every exercise check gets: where the demo is, its switch, and the three stores to read back from. */
export interface PreflightContext {
  readonly targets: WorkshopTargets;
  readonly scenarios: ScenarioApi;
  readonly traceStore: TraceStore;
  readonly logStore: LogStore;
  readonly metricStore: MetricStore;
  /** One Chromium for the browser exercises, started on first use. */
  browser(): Promise<Browser>;
  /** How long one check may poll for its telemetry. */
  readonly deadlineMs: number;
}
