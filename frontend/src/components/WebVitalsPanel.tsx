'use client';

import { useSyncExternalStore } from 'react';
import { latestWebVitals, type WebVitalName, type WebVitalReading } from '../telemetry/web-vitals';
import styles from './WebVitalsPanel.module.css';

const VITALS: { name: WebVitalName; title: string; unit: 'ms' | '' }[] = [
  { name: 'LCP', title: 'Largest Contentful Paint', unit: 'ms' },
  { name: 'INP', title: 'Interaction to Next Paint', unit: 'ms' },
  { name: 'CLS', title: 'Cumulative Layout Shift', unit: '' },
  { name: 'FCP', title: 'First Contentful Paint', unit: 'ms' },
  { name: 'TTFB', title: 'Time to First Byte', unit: 'ms' },
];

const NO_READINGS: Partial<Record<WebVitalName, WebVitalReading>> = {};

function format(reading: WebVitalReading, unit: 'ms' | ''): string {
  return unit === 'ms' ? `${Math.round(reading.value)} ms` : reading.value.toFixed(3);
}

/** This page's own web vitals, as the browser reported them to the collector. */
export function WebVitalsPanel() {
  const readings = useSyncExternalStore(latestWebVitals.subscribe, latestWebVitals.get, () => NO_READINGS);
  return (
    <div className={styles.panel}>
      <div className={styles.grid}>
        {VITALS.map(({ name, title, unit }) => {
          const reading = readings[name];
          return (
            <div key={name} className={`${styles.vital} ${reading ? styles[reading.rating] : ''}`} title={title}>
              <span className={styles.name}>{name}</span>
              <span className={styles.value}>{reading ? format(reading, unit) : '—'}</span>
              <span className={styles.rating}>{reading ? reading.rating : 'pending'}</span>
            </div>
          );
        })}
      </div>
      <p className={styles.note}>
        Each value is a <code>browser.web_vital</code> event (a log record) with the conventions'
        <code>browser.web_vital.*</code> attributes. LCP, CLS and INP
        are final when the page is hidden, so they are sent when you switch tabs or leave.
      </p>
    </div>
  );
}
