import { spans } from './in-process-telemetry';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import type { AddressInfo } from 'node:net';
import winston from 'winston';
import type { WorkerConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createWorkerServer } from '../../src/server';

export interface WorkerUnderTest {
  url: string;
  port: number;
  close(): Promise<void>;
}

const QUIET_CONFIG: WorkerConfig = { host: '127.0.0.1', port: 0, defaultDelayMs: 0, defaultFailRate: 0 };

/**
 * The real worker server in this process, on a free port, with the given source
 * of chance. Its stdout logging is silenced; the records still reach the
 * in-memory log exporter through the winston instrumentation's transport.
 */
export async function startWorker(random: () => number = Math.random): Promise<WorkerUnderTest> {
  const logger = createLogger();
  for (const transport of logger.transports) {
    if (transport instanceof winston.transports.Console) transport.silent = true;
  }
  const server = createWorkerServer(QUIET_CONFIG, logger, { random });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const testTracer = trace.getTracer('worker-test');

export interface TracedResponse {
  response: Response;
  /** The trace the request belongs to: the test's own span is its root. */
  traceId: string;
}

/**
 * A fetch under a span of the test's own, so every span of the request shares a
 * trace id the test knows in advance, whatever the answer. `baggage` entries are
 * propagated the way node-api propagates them: by the SDK's propagator.
 */
export function tracedFetch(url: string, init: RequestInit = {}, baggage: Record<string, string> = {}): Promise<TracedResponse> {
  const entries = Object.fromEntries(Object.entries(baggage).map(([key, value]) => [key, { value }]));
  const parent = Object.keys(entries).length > 0 ? propagation.setBaggage(context.active(), propagation.createBaggage(entries)) : context.active();
  return context.with(parent, () =>
    testTracer.startActiveSpan('test request', async (span) => {
      try {
        return { response: await fetch(url, init), traceId: span.spanContext().traceId };
      } finally {
        span.end();
      }
    }),
  );
}

export function spansOf(traceId: string): ReadableSpan[] {
  return spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
}

/** The worker's HTTP server span of a trace, once it has ended. */
export function serverSpanOf(traceId: string): Promise<ReadableSpan> {
  return waitFor(() => spansOf(traceId).find((span) => span.kind === SpanKind.SERVER), { what: `the server span of trace ${traceId}` });
}

export function durationMs(span: ReadableSpan): number {
  return span.duration[0] * 1_000 + span.duration[1] / 1_000_000;
}

/**
 * Whether `later` starts once `earlier` has ended. Each span anchors its own
 * clock when it starts, so times of different spans can disagree by a fraction
 * of a millisecond: that much overlap still counts as one after the other.
 */
export function startsAfter(later: ReadableSpan, earlier: ReadableSpan): boolean {
  const ms = ([seconds, nanos]: [number, number]) => seconds * 1_000 + nanos / 1_000_000;
  return ms(later.startTime) >= ms(earlier.endTime) - 1;
}

/** Returns the values of `values` in turn, the last one forever after: a fixed course of chance. */
export function sequence(...values: number[]): () => number {
  let next = 0;
  return () => values[Math.min(next++, values.length - 1)] ?? 0;
}
