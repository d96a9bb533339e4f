'use client';

import { useEffect, useState } from 'react';
import type { TelemetryExpectation } from '../demo/demo-actions';
import { telemetryReportPath } from '../telemetry-report/route-path';
import { telemetryReportSchema, type TelemetryReport } from '../telemetry-report/telemetry-report';
import { logsProgress, metricsProgress, traceProgress, type SignalProgress } from './completeness';
import { nextPollDelayMs, POLL_SCHEDULE, SIGNAL_DEADLINE_MS, type Signal } from './poll-schedule';
import { unsampledTraceparent } from './unsampled-traceparent';

export interface PollState {
  /** The latest answer of the telemetry route. */
  report?: TelemetryReport;
  progress: Record<Signal, SignalProgress>;
  /** Milliseconds from the click to the first poll that saw the signal complete. */
  arrivedAfterMs: Partial<Record<Signal, number>>;
  /** Signals whose deadline passed before they were complete. */
  overdue: Signal[];
  /** 'done' once every signal is complete or overdue. */
  phase: 'waiting' | 'polling' | 'done';
  polls: number;
  /** Why the last poll itself failed (the route, not a backend), if it did. */
  routeError?: string;
}

const SIGNALS: readonly Signal[] = ['trace', 'logs', 'metrics'];
const NOT_YET: SignalProgress = { complete: false, missing: ['no answer yet'] };

function initialState(): PollState {
  return {
    progress: { trace: NOT_YET, logs: NOT_YET, metrics: NOT_YET },
    arrivedAfterMs: {},
    overdue: [],
    phase: 'waiting',
    polls: 0,
  };
}

async function fetchReport(traceId: string, signal: AbortSignal): Promise<TelemetryReport> {
  const response = await fetch(telemetryReportPath(traceId), {
    cache: 'no-store',
    signal,
    headers: { accept: 'application/json', traceparent: unsampledTraceparent() },
  });
  if (!response.ok) throw new Error(`telemetry route answered HTTP ${response.status}`);
  const parsed = telemetryReportSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error('telemetry route answered an unexpected shape (reload the page?)');
  return parsed.data;
}

/**
 * Polls GET /api/telemetry/<trace id> from `active` on, until the trace, its
 * logs and its exemplar are all there or their deadlines (counted from the
 * click) have passed; then stops. One request at a time, never overlapping.
 */
export function useTelemetryPolling(
  traceId: string,
  clickedAtUnixMs: number,
  expected: TelemetryExpectation,
  active: boolean,
): PollState {
  const [state, setState] = useState<PollState>(initialState);

  useEffect(() => {
    if (!active) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = initialState();
    let previousDelay: number | undefined;

    const publish = (next: PollState) => {
      current = next;
      setState(next);
    };

    const poll = async () => {
      let report: TelemetryReport | undefined;
      let routeError: string | undefined;
      try {
        report = await fetchReport(traceId, abort.signal);
      } catch (error) {
        if (abort.signal.aborted) return;
        routeError = error instanceof Error ? error.message : String(error);
      }
      const sinceClick = Date.now() - clickedAtUnixMs;
      const arrivedAfterMs = { ...current.arrivedAfterMs };
      const trace = report ? traceProgress(report.trace, expected) : current.progress.trace;
      if (trace.complete && arrivedAfterMs.trace === undefined) arrivedAfterMs.trace = sinceClick;
      const traceArrivedAtUnixMs = arrivedAfterMs.trace === undefined ? undefined : clickedAtUnixMs + arrivedAfterMs.trace;
      const progress = report
        ? { trace, logs: logsProgress(report.logs, expected), metrics: metricsProgress(report.metrics, traceArrivedAtUnixMs) }
        : current.progress;
      for (const signal of SIGNALS) {
        if (progress[signal].complete && arrivedAfterMs[signal] === undefined) arrivedAfterMs[signal] = sinceClick;
      }
      const overdue = SIGNALS.filter((signal) => !progress[signal].complete && sinceClick > SIGNAL_DEADLINE_MS[signal]);
      const finished = SIGNALS.every((signal) => progress[signal].complete || overdue.includes(signal));
      publish({
        report: report ?? current.report,
        progress,
        arrivedAfterMs,
        overdue,
        phase: finished ? 'done' : 'polling',
        polls: current.polls + 1,
        routeError,
      });
      if (finished) return;
      previousDelay = nextPollDelayMs(sinceClick, previousDelay);
      timer = setTimeout(() => void poll(), previousDelay);
    };

    publish({ ...current, phase: 'polling' });
    // Not at once: nothing can be complete before the browser's own export
    // (250 ms after its spans end), and the page has just re-rendered.
    timer = setTimeout(() => void poll(), POLL_SCHEDULE.quickIntervalMs);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [traceId, clickedAtUnixMs, expected, active]);

  return state;
}
