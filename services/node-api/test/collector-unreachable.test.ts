import { jsonLine } from '@o11y-demo/telemetry/testing/service-process';
import { waitFor } from '@o11y-demo/telemetry/testing/wait-for';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { startTwoServices, type TwoServices } from './two-services';

/** A port nobody listens on: bound once to learn a free number, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A collector that accepts connections, reads the request line, then drops the
 * connection: it proves the exporters really try, and fail, on every signal.
 */
async function droppingCollector(): Promise<{ url: string; paths: Set<string>; close(): Promise<void> }> {
  const paths = new Set<string>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', (chunk) => {
      const path = /^POST (\S+)/.exec(chunk.toString('latin1'))?.[1];
      if (path) paths.add(path);
      socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const EXPECTED: Array<[string, number]> = [
  ['/data', 200],
  ['/', 200],
  ['/health', 200],
  ['/error', 500],
  ['/data?failRate=abc', 400],
];

/** Sends every route a number of times, some in parallel, and checks each answer. */
async function exerciseAll(services: TwoServices, rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(
      [services.nodeApi.url, services.worker.url].flatMap((base) =>
        EXPECTED.map(async ([path, status]) => {
          const response = await fetch(`${base}${path}`);
          await response.arrayBuffer();
          assert.equal(response.status, status, `${base}${path} in round ${round}`);
        }),
      ),
    );
  }
}

function nonJsonStdout(lines: string[]): string[] {
  return lines.filter((line) => jsonLine(line) === undefined);
}

describe('with the collector unreachable', () => {
  let services: TwoServices | undefined;
  let collector: Awaited<ReturnType<typeof droppingCollector>> | undefined;
  after(async () => {
    await services?.stop();
    await collector?.close();
  });

  it('answers every request, prints nothing but its JSON logs, and shuts down in time (closed port)', async () => {
    services = await startTwoServices(`http://127.0.0.1:${await closedPort()}`);
    await exerciseAll(services, 8);
    // Let several export cycles fail (spans every 50 ms, metrics every 250 ms) while still serving.
    const until = Date.now() + 1_000;
    await waitFor(async () => {
      await exerciseAll(services!, 1);
      return Date.now() > until;
    }, { what: 'a second of requests during failing exports' });

    for (const service of [services.nodeApi, services.worker]) {
      assert.equal(service.exitCode(), undefined, 'still running');
      assert.deepEqual(nonJsonStdout(service.stdout), [], 'no exporter noise on stdout');
      assert.deepEqual(service.stderr.filter((line) => !/DeprecationWarning|--trace-deprecation/.test(line)), []);
    }
    const started = Date.now();
    const [apiCode, workerCode] = await Promise.all([services.nodeApi.stop(), services.worker.stop()]);
    assert.equal(apiCode, 0);
    assert.equal(workerCode, 0);
    assert.ok(Date.now() - started < 8_000, 'the final flush is bounded');
    services = undefined;
  });

  it('keeps answering while every export attempt is dropped mid-request', async () => {
    collector = await droppingCollector();
    services = await startTwoServices(collector.url);
    await waitFor(
      async () => {
        await exerciseAll(services!, 1);
        return ['/v1/traces', '/v1/logs', '/v1/metrics'].every((path) => collector!.paths.has(path));
      },
      { timeoutMs: 15_000, what: 'export attempts for traces, logs and metrics' },
    );
    await exerciseAll(services, 5);
    assert.equal(services.nodeApi.exitCode(), undefined);
    assert.equal(services.worker.exitCode(), undefined);
    assert.deepEqual(nonJsonStdout(services.nodeApi.stdout), []);
    assert.deepEqual(nonJsonStdout(services.worker.stdout), []);
  });
});
