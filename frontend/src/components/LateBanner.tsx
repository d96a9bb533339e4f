'use client';

import { useSyncExternalStore } from 'react';
import { lateBanner } from '../scenarios/late-banner';
import styles from './LateBanner.module.css';

/**
 * The `layout-shift` scenario's banner. It sits at the very top of the page
 * content on purpose: inserted there, it moves everything below it, which is
 * the largest shift (and so the clearest CLS) one element can cause.
 */
export function LateBanner() {
  const banner = useSyncExternalStore(lateBanner.subscribe, lateBanner.get, () => undefined);
  if (!banner) return null;
  return (
    <aside className={styles.banner} data-testid="late-banner" aria-label="Late banner (scenario layout-shift)">
      <p className={styles.title}>
        A late banner <span className={styles.tag}>scenario layout-shift</span>
      </p>
      <p className={styles.text}>
        It arrived {(banner.delayMs / 1000).toFixed(1)} s after the “{banner.actionLabel}” result and pushed the
        page down: a layout shift counted in CLS (under “What your browser sends”, reported when you switch
        tabs). Switch the scenario off to stop it.
      </p>
    </aside>
  );
}
