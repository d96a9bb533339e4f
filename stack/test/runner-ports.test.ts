import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { describePortConflicts, findPortConflicts, PortsInUseError, assertPortsFree } from '../src/run/port-check';
import { findPortHolder } from '../src/run/port-holder';

const onLinux = process.platform === 'linux';

describe('port conflicts', () => {
  let server: net.Server;
  let port: number;

  before(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('finds this test process as the holder of a port it listens on', { skip: !onLinux }, () => {
    const holder = findPortHolder(port);
    assert.ok(holder);
    assert.equal(holder.pid, process.pid);
    assert.match(holder.command, /node/);
  });

  it('reports the port, who needs it and who holds it', async () => {
    const conflicts = await findPortConflicts([{ port, claimedBy: 'tempo (HTTP API)' }]);
    assert.equal(conflicts.length, 1);
    await assert.rejects(assertPortsFree([{ port, claimedBy: 'tempo (HTTP API)' }]), (error: unknown) => {
      assert.ok(error instanceof PortsInUseError);
      assert.match(error.message, new RegExp(`port ${port}, needed by tempo \\(HTTP API\\)`));
      if (onLinux) assert.match(error.message, new RegExp(`pid ${process.pid} \\(.*node`));
      return true;
    });
  });

  it('passes a free port', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const freePort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    assert.deepEqual(await findPortConflicts([{ port: freePort, claimedBy: 'x' }]), []);
    assert.equal(findPortHolder(freePort), null);
  });

  it('lists every conflict in one message with the way out', () => {
    const message = describePortConflicts([
      { port: 3200, claimedBy: 'tempo (HTTP API)', holder: { pid: 42, command: '/usr/bin/tempo' } },
      { port: 9090, claimedBy: 'prometheus (HTTP API)', holder: null },
    ]);
    assert.match(message, /ports are already in use/);
    assert.match(message, /port 3200, needed by tempo \(HTTP API\), is in use by pid 42 \(\/usr\/bin\/tempo\)/);
    assert.match(message, /port 9090, .* something we could not identify/);
    assert.match(message, /npm run stack -- stop/);
  });
});
