// Checks stack/src/run/listening-sockets.ts, the /proc reader behind the
// exposure check (e2e/tests/08-exposure.spec.ts): the /proc/net/tcp{,6}
// parsing and address spelling, and, with real processes, that it finds the
// listening sockets of a process and of its descendants with the address each
// is bound to, and tells loopback from exposed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  decodeProcNetAddress,
  describeSocket,
  exposedSockets,
  formatIpv6,
  isLoopbackAddress,
  listComponentSockets,
  listListeningSockets,
  parseProcNetListeners,
} from '../src/run/listening-sockets';
import { parentPidFromStat, withDescendants } from '../src/run/process-tree';

describe('reading /proc/net/tcp and tcp6', () => {
  it('decodes addresses in host byte order', () => {
    assert.equal(decodeProcNetAddress('0100007F', 'LE'), '127.0.0.1');
    assert.equal(decodeProcNetAddress('7F000001', 'BE'), '127.0.0.1');
    assert.equal(decodeProcNetAddress('00000000', 'LE'), '0.0.0.0');
    assert.equal(decodeProcNetAddress('0A00A8C0', 'LE'), '192.168.0.10');
    assert.equal(decodeProcNetAddress('00000000000000000000000001000000', 'LE'), '::1');
    assert.equal(decodeProcNetAddress('00000000000000000000000000000001', 'BE'), '::1');
    assert.equal(decodeProcNetAddress('00000000000000000000000000000000', 'LE'), '::');
    assert.equal(decodeProcNetAddress('0000000000000000FFFF00000100007F', 'LE'), '::ffff:127.0.0.1');
    assert.equal(decodeProcNetAddress('B80D0120000000000000000001000000', 'LE'), '2001:db8::1');
  });

  it('spells IPv6 as RFC 5952 does', () => {
    const bytes = (groups: number[]): number[] => groups.flatMap((g) => [g >> 8, g & 0xff]);
    assert.equal(formatIpv6(bytes([0xfe80, 0, 0, 0, 0x1, 0x2, 0x3, 0x4])), 'fe80::1:2:3:4');
    assert.equal(formatIpv6(bytes([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1])), '2001:db8:0:1::1', 'the longest zero run is compressed');
    assert.equal(formatIpv6(bytes([1, 0, 2, 0, 3, 0, 4, 5])), '1:0:2:0:3:0:4:5', 'a single zero group stays');
    assert.equal(formatIpv6(bytes([0, 0, 0, 0, 0, 0, 0, 0])), '::');
  });

  it('keeps only sockets in LISTEN state, with address, port and inode', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F41 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 302497 1 000000004e7b63c4 100 0 0 10 0',
      '   1: 00000000:10E1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 302498 1 000000004e7b63c4 100 0 0 10 0',
      '   2: 0100007F:1F41 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 302499 1 000000004e7b63c4 20 4 30 10 -1',
      '',
    ].join('\n');
    assert.deepEqual(parseProcNetListeners(tcp, 'LE'), [
      { address: '127.0.0.1', port: 8001, inode: '302497' },
      { address: '0.0.0.0', port: 4321, inode: '302498' },
    ]);
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000001000000:0FC3 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    assert.deepEqual(parseProcNetListeners(tcp6, 'LE'), [{ address: '::1', port: 4035, inode: '41' }]);
  });

  it('reads the parent pid even when the command name has spaces and parentheses', () => {
    assert.equal(parentPidFromStat('4242 (node) S 17 4242 17 0 -1 4194560 100 0 0 0'), 17);
    assert.equal(parentPidFromStat('4242 (my (odd) name) R 1 4242 1 0 -1'), 1);
  });

  it('calls loopback 127.0.0.0/8, ::1 and ::ffff:127.x, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(address), address);
    for (const address of ['0.0.0.0', '::', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '::2']) assert.ok(!isLoopbackAddress(address), address);
  });
});

/** A node process that listens on each of `hosts` (port 0) and prints `{pid, host, port}` lines; with `viaWrapper`, a grandchild does. */
interface Listener {
  readonly child: ChildProcess;
  /** The pid to hand to the lister: the direct child (the wrapper when there is one). */
  readonly rootPid: number;
  readonly sockets: { pid: number; host: string; port: number }[];
}

const LISTEN_SCRIPT = `
const net = require('node:net');
for (const host of JSON.parse(process.argv[1])) {
  const server = net.createServer();
  server.listen({ host, port: 0 }, () => console.log(JSON.stringify({ pid: process.pid, host, port: server.address().port })));
}
setInterval(() => {}, 1 << 30);
`;
const WRAPPER_SCRIPT = `
const { spawn } = require('node:child_process');
spawn(process.execPath, ['-e', process.argv[1], process.argv[2]], { stdio: 'inherit' });
setInterval(() => {}, 1 << 30);
`;

function startListener(hosts: string[], viaWrapper = false): Promise<Listener> {
  const args = viaWrapper ? ['-e', WRAPPER_SCRIPT, LISTEN_SCRIPT, JSON.stringify(hosts)] : ['-e', LISTEN_SCRIPT, JSON.stringify(hosts)];
  // Own process group, so one signal stops a wrapper and its child.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const sockets: Listener['sockets'] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`listener on ${hosts.join(', ')} did not report its ports`)), 10_000);
    child.once('exit', (code) => reject(new Error(`listener exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) sockets.push(JSON.parse(line) as Listener['sockets'][number]);
      if (sockets.length === hosts.length) {
        clearTimeout(timer);
        resolve({ child, rootPid: child.pid as number, sockets });
      }
    });
  });
}

function stopListener(listener: Listener | undefined): Promise<void> {
  return new Promise((resolve) => {
    const child = listener?.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

describe('listing the listening sockets of real processes', { skip: !existsSync('/proc/net/tcp') && 'needs Linux /proc' }, () => {
  let loopback: Listener | undefined;
  let wildcardGrandchild: Listener | undefined;
  let ipv6: Listener | undefined;
  let ownServer: Server | undefined;
  let ownPort = 0;

  before(async () => {
    [loopback, wildcardGrandchild, ipv6] = await Promise.all([
      startListener(['127.0.0.1']),
      startListener(['0.0.0.0'], true),
      startListener(['::', '::1']),
    ]);
    // A socket of this very process: it is no descendant of the listeners and must not show up.
    ownServer = createServer();
    await new Promise<void>((resolve) => ownServer?.listen(0, '127.0.0.1', resolve));
    ownPort = (ownServer.address() as { port: number }).port;
  });

  after(async () => {
    await Promise.all([loopback, wildcardGrandchild, ipv6].map(stopListener));
    await new Promise<void>((resolve) => (ownServer ? ownServer.close(() => resolve()) : resolve()));
  });

  it('finds a process listening on 127.0.0.1, and nothing else of it', () => {
    assert.ok(loopback);
    const [expected] = loopback.sockets;
    const found = listListeningSockets([loopback.rootPid]);
    assert.deepEqual(found.map(({ pid, address, port }) => ({ pid, address, port })), [{ pid: loopback.rootPid, address: '127.0.0.1', port: expected?.port }]);
    assert.match(found[0]?.command ?? '', /node/);
  });

  it('finds the socket of a descendant, under the descendant\'s pid, bound to 0.0.0.0', () => {
    assert.ok(wildcardGrandchild);
    const [expected] = wildcardGrandchild.sockets;
    assert.ok(expected && expected.pid !== wildcardGrandchild.rootPid, 'the socket belongs to the grandchild, not the wrapper');
    assert.deepEqual(withDescendants([wildcardGrandchild.rootPid]), [wildcardGrandchild.rootPid, expected.pid]);
    const found = listListeningSockets([wildcardGrandchild.rootPid]);
    assert.deepEqual(found.map(({ pid, address, port }) => ({ pid, address, port })), [{ pid: expected.pid, address: '0.0.0.0', port: expected.port }]);
  });

  it('finds IPv6 sockets: the wildcard :: and loopback ::1', () => {
    assert.ok(ipv6);
    const byHost = new Map(ipv6.sockets.map((s) => [s.host, s.port]));
    const found = listListeningSockets([ipv6.rootPid]);
    assert.deepEqual(
      found.map(({ address, port }) => ({ address, port })).sort((a, b) => a.address.localeCompare(b.address)),
      [
        { address: '::', port: byHost.get('::') },
        { address: '::1', port: byHost.get('::1') },
      ],
    );
  });

  it('reports, per component, exactly the sockets not bound to loopback', () => {
    assert.ok(loopback && wildcardGrandchild && ipv6);
    const sockets = listComponentSockets([
      { name: 'loopback-only', pid: loopback.rootPid },
      { name: 'wildcard-child', pid: wildcardGrandchild.rootPid },
      { name: 'ipv6', pid: ipv6.rootPid },
    ]);
    assert.equal(sockets.length, 4, JSON.stringify(sockets));
    assert.ok(!sockets.some((s) => s.port === ownPort), 'a process outside the trees was listed');
    const exposed = exposedSockets(sockets);
    assert.deepEqual(
      exposed.map(({ component, address }) => ({ component, address })).sort((a, b) => a.component.localeCompare(b.component)),
      [
        { component: 'ipv6', address: '::' },
        { component: 'wildcard-child', address: '0.0.0.0' },
      ],
    );
    const wide = exposed.find((s) => s.component === 'wildcard-child');
    assert.ok(wide);
    assert.match(describeSocket(wide), new RegExp(`^wildcard-child \\(pid ${wide.pid}, .*node.*\\) listens on 0\\.0\\.0\\.0:${wide.port}$`));
    const any = exposed.find((s) => s.component === 'ipv6');
    assert.ok(any);
    assert.match(describeSocket(any), new RegExp(`listens on \\[::\\]:${any.port}$`));
  });

  it('lists nothing for a pid that does not exist', () => {
    assert.deepEqual(listListeningSockets([2 ** 22 + 12345]), []);
  });
});
