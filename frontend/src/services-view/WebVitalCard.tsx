'use client';

import { useMemo } from 'react';
import type uPlot from 'uplot';
import { CLSThresholds, FCPThresholds, INPThresholds, LCPThresholds, TTFBThresholds } from 'web-vitals';
import { UPlotChart, type ChartOptions } from '../charts/UPlotChart';
import type { WebVitalSection } from './services-view-data';
import styles from './ServicesView.module.css';

/** Titles, units and the "good" / "poor" limits, the latter from the web-vitals library itself. */
const VITALS: Record<string, { title: string; unit: 'ms' | ''; limits: readonly number[] }> = {
  LCP: { title: 'Largest Contentful Paint', unit: 'ms', limits: LCPThresholds },
  INP: { title: 'Interaction to Next Paint', unit: 'ms', limits: INPThresholds },
  CLS: { title: 'Cumulative Layout Shift', unit: '', limits: CLSThresholds },
  FCP: { title: 'First Contentful Paint', unit: 'ms', limits: FCPThresholds },
  TTFB: { title: 'Time to First Byte', unit: 'ms', limits: TTFBThresholds },
};

const PAGE_COLORS = ['#4f46e5', '#0d9488', '#d97706', '#be185d', '#64748b'];

function rating(value: number, limits: readonly number[]): 'good' | 'needs-improvement' | 'poor' {
  if (value <= (limits[0] ?? Infinity)) return 'good';
  return value <= (limits[1] ?? Infinity) ? 'needs-improvement' : 'poor';
}

/** One web vital: its p75 per page over the window, rated, and over time. */
export function WebVitalCard({ section, startS, stepS }: { section: WebVitalSection; startS: number; stepS: number }) {
  // The metric's label holds the conventions' lower-case names; people know them as LCP, INP, ...
  const name = section.vital.toUpperCase();
  const info = VITALS[name] ?? { title: name, unit: '', limits: [] };
  const format = (value: number) => (info.unit === 'ms' ? `${Math.round(value)} ms` : value.toFixed(3));
  const hasPoints = section.series.some((series) => series.points.some((value) => value !== null));

  const chart = useMemo(() => {
    const count = section.series[0]?.points.length ?? 0;
    const x = Array.from({ length: count }, (_, index) => startS + index * stepS);
    const options: ChartOptions = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_chart, _min, max) => [0, Math.max(max, info.limits[0] ?? 0) * 1.1 || 1] } },
      axes: [{ stroke: '#5d6679', grid: { stroke: '#eef0f4' } }, { stroke: '#5d6679', grid: { stroke: '#eef0f4' }, size: 56 }],
      series: [{}, ...section.series.map((series, index) => ({ label: series.path, stroke: PAGE_COLORS[index % PAGE_COLORS.length], width: 2, spanGaps: true }))],
    };
    const data: uPlot.AlignedData = [x, ...section.series.map((series) => series.points)];
    return { options, data };
  }, [section.series, startS, stepS, info.limits]);

  return (
    <div className={styles.vital} data-testid={`vital-${section.vital}`}>
      <div className={styles.vitalHead}>
        <span className={styles.vitalName} title={info.title}>
          {name}
        </span>
        <a href={section.link} target="_blank" rel="noreferrer">
          PromQL
        </a>
      </div>
      {section.pages.length === 0 ? (
        <p className={styles.empty}>no samples in this window</p>
      ) : (
        <ul className={styles.vitalPages}>
          {section.pages.map((page) => (
            <li key={page.path} className={styles[rating(page.p75, info.limits)]}>
              <code>{page.path}</code> <strong>{format(page.p75)}</strong>
            </li>
          ))}
        </ul>
      )}
      {hasPoints && <UPlotChart options={chart.options} data={chart.data} height={110} label={`${name} p75 per page over time`} />}
    </div>
  );
}
