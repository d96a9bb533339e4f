'use client';

import { useMemo } from 'react';
import type uPlot from 'uplot';
import { UPlotChart, type ChartOptions } from '../charts/UPlotChart';
import { serviceColor } from '../panel/service-colors';
import { formatRate, formatShare } from './figures';
import { traceHref } from '../traces/trace-href';
import type { Exemplar, Points, ServiceSection } from './services-view-data';
import styles from './ServicesView.module.css';

const HEIGHT = 180;
const EXEMPLAR_RADIUS_PX = 4;

function timeAxis(startS: number, stepS: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => startS + index * stepS);
}

function scaled(points: Points, factor: number): (number | null)[] {
  return points.map((value) => (value === null ? null : value * factor));
}

/** The caption names the lines and the header has the latest figures: no legend under the plot. */
function baseOptions(format: (value: number) => string, startS: number, endS: number): ChartOptions {
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true, range: () => [startS, endS] }, y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [{ stroke: '#5d6679', grid: { stroke: '#eef0f4' } }, { stroke: '#5d6679', grid: { stroke: '#eef0f4' }, size: 64, values: (_chart, ticks) => ticks.map(format) }],
    series: [{}],
  };
}

/** The exemplar under the pointer, if any (positions in CSS pixels of the plot area). */
function exemplarAt(chart: uPlot, exemplars: Exemplar[], left: number, top: number): Exemplar | undefined {
  return exemplars.find((exemplar) => {
    const x = chart.valToPos(exemplar.timestampS, 'x');
    const y = chart.valToPos(exemplar.durationS * 1000, 'y');
    return Math.hypot(x - left, y - top) <= EXEMPLAR_RADIUS_PX + 3;
  });
}

/**
 * Exemplars as dots over the latency lines, as Prometheus's and Grafana's
 * graphs draw them; a click on one opens its trace.
 */
function exemplarPlugin(exemplars: Exemplar[], color: string): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (chart) => {
          const { ctx } = chart;
          ctx.save();
          ctx.fillStyle = color;
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = devicePixelRatio;
          for (const exemplar of exemplars) {
            const x = chart.valToPos(exemplar.timestampS, 'x', true);
            const y = chart.valToPos(exemplar.durationS * 1000, 'y', true);
            if (x < chart.bbox.left || x > chart.bbox.left + chart.bbox.width) continue;
            ctx.beginPath();
            ctx.arc(x, y, EXEMPLAR_RADIUS_PX * devicePixelRatio, 0, 2 * Math.PI);
            ctx.fill();
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
      ready: [
        (chart) => {
          chart.over.addEventListener('mousemove', (event) => {
            const hit = exemplarAt(chart, exemplars, event.offsetX, event.offsetY);
            chart.over.style.cursor = hit ? 'pointer' : '';
            chart.over.title = hit ? `${hit.operation}: ${Math.round(hit.durationS * 1000)} ms, trace ${hit.traceId}` : '';
          });
          chart.over.addEventListener('click', (event) => {
            const hit = exemplarAt(chart, exemplars, event.offsetX, event.offsetY);
            if (hit) window.location.assign(traceHref(hit.traceId));
          });
        },
      ],
    },
  };
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const perSecond = (value: number) => `${formatRate(value)}/s`;

/** One service's latency (p50, p95, exemplars), error rate and request rate over the window. */
export function ServiceCharts({ section, startS, endS, stepS }: { section: ServiceSection; startS: number; endS: number; stepS: number }) {
  const color = serviceColor(section.service);
  const x = useMemo(() => timeAxis(startS, stepS, section.rate.length), [startS, stepS, section.rate.length]);

  const latency = useMemo(() => {
    const options = baseOptions(ms, startS, endS);
    const maxExemplarMs = Math.max(0, ...section.exemplars.map((exemplar) => exemplar.durationS * 1000));
    options.scales = { ...options.scales, y: { range: (_chart, _min, max) => [0, Math.max(max, maxExemplarMs, 1) * 1.1] } };
    options.series = [
      {},
      { label: 'p50', stroke: color, dash: [4, 4], width: 1.5 },
      { label: 'p95', stroke: color, width: 2 },
    ];
    options.plugins = [exemplarPlugin(section.exemplars, '#c2410c')];
    const data: uPlot.AlignedData = [x, scaled(section.p50S, 1000), scaled(section.p95S, 1000)];
    return { options, data };
  }, [x, section.p50S, section.p95S, section.exemplars, color, startS, endS]);

  const errors = useMemo(() => {
    const options = baseOptions(formatShare, startS, endS);
    options.series = [{}, { label: 'error rate', stroke: '#c62828', fill: 'rgba(198, 40, 40, 0.08)', width: 2 }];
    const data: uPlot.AlignedData = [x, section.errorRatio];
    return { options, data };
  }, [x, section.errorRatio, startS, endS]);

  const requests = useMemo(() => {
    const options = baseOptions(perSecond, startS, endS);
    options.series = [{}, { label: 'requests', stroke: color, fill: `${color}14`, width: 2 }];
    const data: uPlot.AlignedData = [x, section.rate];
    return { options, data };
  }, [x, section.rate, color, startS, endS]);

  return (
    <div className={styles.charts}>
      <figure className={styles.chart}>
        <figcaption>
          Latency <span className={styles.hint}>p95 ━ p50 ┅ exemplars ● (click one for its trace)</span>{' '}
          <a href={section.links.latency} target="_blank" rel="noreferrer">PromQL</a>
        </figcaption>
        <UPlotChart options={latency.options} data={latency.data} height={HEIGHT} testId="chart-latency" label={`${section.service} latency p50 and p95 with exemplars`} />
      </figure>
      <figure className={styles.chart}>
        <figcaption>
          Errors <span className={styles.hint}>share of requests</span> <a href={section.links.errorRatio} target="_blank" rel="noreferrer">PromQL</a>
        </figcaption>
        <UPlotChart options={errors.options} data={errors.data} height={HEIGHT} testId="chart-errors" label={`${section.service} share of requests in error`} />
      </figure>
      <figure className={styles.chart}>
        <figcaption>
          Requests <span className={styles.hint}>per second</span> <a href={section.links.rate} target="_blank" rel="noreferrer">PromQL</a>
        </figcaption>
        <UPlotChart options={requests.options} data={requests.data} height={HEIGHT} testId="chart-rate" label={`${section.service} requests per second`} />
      </figure>
    </div>
  );
}
