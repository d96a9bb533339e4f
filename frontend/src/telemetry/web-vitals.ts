import { SeverityNumber, type Logger } from '@opentelemetry/api-logs';
import { ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import {
  ATTR_BROWSER_WEB_VITAL_DELTA,
  ATTR_BROWSER_WEB_VITAL_ID,
  ATTR_BROWSER_WEB_VITAL_NAME,
  ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE,
  ATTR_BROWSER_WEB_VITAL_RATING,
  ATTR_BROWSER_WEB_VITAL_VALUE,
  EVENT_BROWSER_WEB_VITAL,
} from './attribute-names';
import { observableValue } from './observable-value';

export type WebVitalName = Metric['name'];

export interface WebVitalReading {
  value: number;
  rating: Metric['rating'];
}

/** The latest reading of each vital, for the page to display. */
export const latestWebVitals = observableValue<Partial<Record<WebVitalName, WebVitalReading>>>({});

/**
 * The conventions' `browser.web_vital` event. Its name values are the
 * library's names in lower case (`lcp`, `inp`, `cls`, `fcp`, `ttfb`); rating
 * and navigation type already use the conventions' values.
 */
function emitWebVital(logger: Logger, metric: Metric): void {
  logger.emit({
    eventName: EVENT_BROWSER_WEB_VITAL,
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: `${metric.name} ${metric.value} (${metric.rating})`,
    attributes: {
      [ATTR_BROWSER_WEB_VITAL_NAME]: metric.name.toLowerCase(),
      [ATTR_BROWSER_WEB_VITAL_VALUE]: metric.value,
      [ATTR_BROWSER_WEB_VITAL_DELTA]: metric.delta,
      [ATTR_BROWSER_WEB_VITAL_ID]: metric.id,
      [ATTR_BROWSER_WEB_VITAL_RATING]: metric.rating,
      [ATTR_BROWSER_WEB_VITAL_NAVIGATION_TYPE]: metric.navigationType,
      [ATTR_URL_PATH]: location.pathname,
    },
  });
  latestWebVitals.set({
    ...latestWebVitals.get(),
    [metric.name]: { value: metric.value, rating: metric.rating },
  });
}

/**
 * Web vitals become log records, not metrics: the browser has no metrics
 * pipeline worth its bundle size, and the collector turns these records into
 * a Prometheus histogram (collector/README.md).
 *
 * LCP, CLS and INP are final only when the page is hidden, which is also the
 * last moment the page is sure to run code: `flush` sends them right then.
 */
export function reportWebVitals(logger: Logger, flush: () => void): void {
  const report = (metric: Metric) => emitWebVital(logger, metric);
  onTTFB(report);
  onFCP(report);
  onLCP(report);
  onCLS(report);
  onINP(report);

  // web-vitals reports from a capture listener on window, which runs before
  // these: the final values are queued by the time we flush.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  window.addEventListener('pagehide', flush);
}
