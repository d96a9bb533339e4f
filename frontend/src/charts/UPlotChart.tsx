'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * uPlot (the chart library of Prometheus's own UI) in a React component: the
 * chart fills its container's width and redraws when that changes. Once it
 * has drawn, the container carries `data-drawn="true"`, which the browser
 * tests wait for.
 */
export function UPlotChart({
  options,
  data,
  height,
  testId,
  label,
}: {
  options: ChartOptions;
  data: uPlot.AlignedData;
  height: number;
  testId?: string;
  /** What the chart shows, for assistive technology (a canvas says nothing). */
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const markDrawn = (chart: uPlot) => chart.root.parentElement?.setAttribute('data-drawn', 'true');
    const hooks = { ...options.hooks, draw: [...(options.hooks?.draw ?? []), markDrawn] };
    const chart = new uPlot({ ...options, hooks, width: Math.max(element.clientWidth, 200), height }, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      element.removeAttribute('data-drawn');
    };
  }, [options, data, height]);

  return <div ref={container} data-testid={testId} role="img" aria-label={label} style={{ minHeight: height }} />;
}
