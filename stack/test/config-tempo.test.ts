// Starts the real Tempo with tempo/tempo.yaml, exactly as the stack does
// (-target=all -config.expand-env=true), but on free ports and a throw-away
// data directory so it cannot clash with a running stack. It must turn ready,
// accept a trace over OTLP/HTTP and return it by id right away.
//
// Needs TEMPO_BIN (set by the native stack runner after it builds Tempo;
// `npx tsx stack/src/cli.ts build` builds it).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { requireBinary } from './support/backend-binary';
import { freePort, root, stop } from './support/processes';

describe('Tempo with tempo/tempo.yaml', () => {
  const data = mkdtempSync(join(tmpdir(), 'o11y-tempo-'));
  let child: ChildProcess | undefined;
  let output = '';
  let http = 0;
  let otlpHttp = 0;
  after(async () => {
    if (child) await stop(child);
    rmSync(data, { recursive: true, force: true });
  });

  it('starts monolithic and turns ready', async () => {
    const binary = requireBinary('TEMPO_BIN');
    const [httpPort, grpcPort, otlpGrpcPort, otlpHttpPort, memberlistPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    http = httpPort;
    otlpHttp = otlpHttpPort;
    child = spawn(
      binary,
      [
        '-target=all',
        `-config.file=${join(root, 'tempo', 'tempo.yaml')}`,
        '-config.expand-env=true',
        `-memberlist.bind-port=${memberlistPort}`,
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          TEMPO_LISTEN_ADDRESS: '127.0.0.1',
          TEMPO_DATA_DIR: data,
          TEMPO_HTTP_PORT: String(httpPort),
          TEMPO_GRPC_PORT: String(grpcPort),
          TEMPO_OTLP_GRPC_PORT: String(otlpGrpcPort),
          TEMPO_OTLP_HTTP_PORT: String(otlpHttpPort),
        },
      },
    );
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));

    const deadline = Date.now() + 60_000;
    let last = '';
    for (;;) {
      if (child.exitCode !== null) assert.fail(`tempo exited with ${child.exitCode}:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${httpPort}/ready`, { signal: AbortSignal.timeout(1000) });
        last = `${response.status} ${(await response.text()).trim()}`;
        if (response.ok) break;
      } catch (error) {
        last = String(error);
      }
      if (Date.now() > deadline) assert.fail(`Tempo not ready after 60 s (${last}):\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.doesNotMatch(output, /level=(error|ERROR)/, `Tempo logged errors while starting:\n${output}`);
  });

  it('returns a trace sent over OTLP/HTTP by its id right away', async () => {
    assert.ok(http > 0 && otlpHttp > 0, 'Tempo did not start');
    const traceId = randomBytes(16).toString('hex');
    const spanId = randomBytes(8).toString('hex');
    const now = BigInt(Date.now()) * 1_000_000n;
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'config-test' } }] },
          scopeSpans: [
            {
              scope: { name: 'config-tempo.test' },
              spans: [
                {
                  traceId,
                  spanId,
                  name: 'GET /data',
                  kind: 2,
                  startTimeUnixNano: String(now - 5_000_000n),
                  endTimeUnixNano: String(now),
                  attributes: [{ key: 'http.route', value: { stringValue: '/data' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const push = await fetch(`http://127.0.0.1:${otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(push.status, 200, `OTLP push answered ${push.status}: ${await push.text()}`);

    const deadline = Date.now() + 20_000;
    let last = '';
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${http}/api/v2/traces/${traceId}`);
      const text = await response.text();
      last = `${response.status} ${text.slice(0, 200)}`;
      if (response.ok) {
        assert.ok(text.includes('GET /data'), `trace returned without the span: ${text.slice(0, 500)}`);
        assert.ok(text.includes('config-test'), 'trace returned without its service name');
        break;
      }
      if (Date.now() > deadline) assert.fail(`trace ${traceId} not found by id within 20 s (${last})\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
});
