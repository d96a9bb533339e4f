'use client';

import { useMemo } from 'react';
import type uPlot from 'uplot';
import { UPlotChart, type ChartOptions } from '../charts/UPlotChart';
import { formatDuration } from '../panel/format';
import { traceHref } from './trace-href';

export interface ScatterPoint {
  traceId: string;
  startTimeUnixMs: number;
  durationMs: number;
  error: boolean;
}

/** No line between traces: each is a dot. */
const noPath = () => null;

/**
 * Duration over start time, one dot per trace found (red when it failed), as
 * Jaeger UI's search draws it. A click on the chart opens the trace nearest
 * the cursor.
 */
export function DurationScatter({ points, range }: { points: ScatterPoint[]; range: { startUnixMs: number; endUnixMs: number } }) {
  const sorted = useMemo(() => [...points].sort((a, b) => a.startTimeUnixMs - b.startTimeUnixMs), [points]);
  const data = useMemo<uPlot.AlignedData>(
    () => [
      sorted.map((point) => point.startTimeUnixMs / 1000),
      sorted.map((point) => (point.error ? null : point.durationMs)),
      sorted.map((point) => (point.error ? point.durationMs : null)),
    ],
    [sorted],
  );
  const options = useMemo<ChartOptions>(
    () => ({
      scales: { x: { time: true, range: [range.startUnixMs / 1000, range.endUnixMs / 1000] }, y: { range: (_chart, _min, max) => [0, Math.max(max, 1) * 1.1] } },
      axes: [{}, { label: 'duration', values: (_chart, ticks) => ticks.map((tick) => formatDuration(tick)), size: 70 }],
      series: [
        {},
        { label: 'trace', stroke: '#4f46e5', fill: '#4f46e5', paths: noPath, points: { show: true, size: 8, fill: '#4f46e5' }, value: (_chart, value) => (value == null ? '–' : formatDuration(value)) },
        { label: 'failed trace', stroke: '#c62828', fill: '#c62828', paths: noPath, points: { show: true, size: 8, fill: '#c62828' }, value: (_chart, value) => (value == null ? '–' : formatDuration(value)) },
      ],
      hooks: {
        ready: [
          (chart: uPlot) =>
            chart.over.addEventListener('click', () => {
              const index = chart.cursor.idx;
              const point = index == null ? undefined : sorted[index];
              if (point) window.location.assign(traceHref(point.traceId));
            }),
        ],
      },
    }),
    [sorted, range.startUnixMs, range.endUnixMs],
  );
  return (
    <UPlotChart
      options={options}
      data={data}
      height={220}
      testId="duration-scatter"
      label={`Duration over time of ${points.length} traces found; click a dot to open its trace`}
    />
  );
}
