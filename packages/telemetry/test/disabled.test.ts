process.env.OTEL_SDK_DISABLED = 'true';

import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startTelemetry } from '../src/index';

it('OTEL_SDK_DISABLED=true registers nothing: spans are not recorded', async () => {
  const spans = new InMemorySpanExporter();
  const telemetry = startTelemetry({ serviceName: 'disabled-test', serviceVersion: '0.0.0', exporters: { spans } });
  assert.equal(telemetry.enabled, false);
  const span = trace.getTracer('test').startSpan('ignored');
  assert.equal(span.isRecording(), false);
  span.end();
  assert.deepEqual(spans.getFinishedSpans(), []);
  await telemetry.shutdown();
});
