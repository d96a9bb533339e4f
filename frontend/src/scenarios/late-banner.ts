import { observableValue } from '../telemetry/observable-value';
import { LATE_BANNER_DELAY_MS, LAYOUT_SHIFT } from './browser-scenarios';
import { isScenarioActive } from './scenario-store';

export interface LateBannerState {
  /** The action whose result the banner followed. */
  actionLabel: string;
  delayMs: number;
}

/** The `layout-shift` banner at the top of the page, when it is shown. */
export const lateBanner = observableValue<LateBannerState | undefined>(undefined);

let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * Called as a click starts. Taking the banner away then also moves the page,
 * but within the 500 ms after an input, which CLS forgives; the next result
 * brings it back late, which it does not.
 */
export function removeLateBanner(): void {
  clearTimeout(pending);
  pending = undefined;
  lateBanner.set(undefined);
}

/** Called when a result has arrived: with `layout-shift` on, the banner follows a second later. */
export function scheduleLateBanner(actionLabel: string): void {
  if (!isScenarioActive(LAYOUT_SHIFT)) return;
  clearTimeout(pending);
  pending = setTimeout(() => {
    pending = undefined;
    // Switched off in the meantime: the visitor no longer asked for it.
    if (isScenarioActive(LAYOUT_SHIFT)) lateBanner.set({ actionLabel, delayMs: LATE_BANNER_DELAY_MS });
  }, LATE_BANNER_DELAY_MS);
}
