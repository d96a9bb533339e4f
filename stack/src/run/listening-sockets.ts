import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readOrUndefined, withDescendants } from './process-tree';

/**
 * Which TCP ports a set of processes (and every process they started) listen
 * on, and on which address, read from /proc: no `ss`, `lsof` or `netstat`
 * needed. Linux only; elsewhere (no /proc) the lists are empty.
 *
 * Used by the exposure check (e2e/tests/08-exposure.spec.ts): every socket of
 * the native stack must be bound to loopback.
 */

export interface ListeningSocketOwner {
  /** The process that holds the socket (a component or one of its descendants). */
  readonly pid: number;
  /** Its command line, shortened. */
  readonly command: string;
  /** The local address in its usual spelling: `127.0.0.1`, `0.0.0.0`, `::1`, `::`, `::ffff:10.0.0.1`. */
  readonly address: string;
  readonly port: number;
}

/** One line of /proc/net/tcp or tcp6 in LISTEN state. */
export interface ProcNetListener {
  readonly address: string;
  readonly port: number;
  readonly inode: string;
}

const TCP_LISTEN_STATE = '0A';

/**
 * /proc/net/tcp{,6} print an address as 32-bit words in host byte order, each
 * as 8 hex digits: 127.0.0.1 is `0100007F` on little-endian machines.
 */
function addressBytes(hex: string, endianness: 'LE' | 'BE'): number[] {
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const wordBytes: number[] = [];
    for (let i = word; i < word + 8; i += 2) wordBytes.push(Number.parseInt(hex.slice(i, i + 2), 16));
    if (endianness === 'LE') wordBytes.reverse();
    bytes.push(...wordBytes);
  }
  return bytes;
}

/** RFC 5952 spelling: lower case, no leading zeros, the longest run of zero groups (two or more) as `::`. */
export function formatIpv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 part in dotted form, as every tool prints it.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${bytes.slice(12).join('.')}`;
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** `0100007F` -> `127.0.0.1`; 32 hex digits -> an IPv6 address. */
export function decodeProcNetAddress(hex: string, endianness: 'LE' | 'BE' = os.endianness()): string {
  const bytes = addressBytes(hex, endianness);
  return bytes.length === 4 ? bytes.join('.') : formatIpv6(bytes);
}

/** Parses /proc/net/tcp or tcp6: columns are `sl local_address rem_address st ... uid timeout inode`. */
export function parseProcNetListeners(text: string, endianness: 'LE' | 'BE' = os.endianness()): ProcNetListener[] {
  const listeners: ProcNetListener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    const local = columns[1];
    const inode = columns[9];
    if (local === undefined || columns[3] !== TCP_LISTEN_STATE || inode === undefined) continue;
    const [addressHex, portHex] = local.split(':');
    if (addressHex === undefined || portHex === undefined || (addressHex.length !== 8 && addressHex.length !== 32)) continue;
    listeners.push({ address: decodeProcNetAddress(addressHex, endianness), port: Number.parseInt(portHex, 16), inode });
  }
  return listeners;
}

/** Loopback: 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.x.x). Anything else is reachable from elsewhere. */
export function isLoopbackAddress(address: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(address) || address === '::1' || /^::ffff:127\.\d+\.\d+\.\d+$/.test(address);
}

/** The listening sockets in a /proc net directory (`/proc/net`, `/proc/<pid>/net`): tcp and tcp6. */
export function readProcNetListeners(netDir: string): ProcNetListener[] {
  return ['tcp', 'tcp6'].flatMap((file) => {
    const text = readOrUndefined(path.join(netDir, file));
    return text === undefined ? [] : parseProcNetListeners(text);
  });
}

/** The inodes of the sockets a process holds open (its /proc/<pid>/fd links `socket:[inode]`). */
export function socketInodes(pid: number, procRoot = '/proc'): string[] {
  const dir = path.join(procRoot, String(pid), 'fd');
  let fds: string[];
  try {
    fds = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const inodes: string[] = [];
  for (const fd of fds) {
    let target: string;
    try {
      target = fs.readlinkSync(path.join(dir, fd));
    } catch {
      continue;
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode !== undefined) inodes.push(inode);
  }
  return inodes;
}

/** A process's command line on one line, shortened: an inline script as argument would otherwise swamp a message. */
export function commandLineOf(pid: number, procRoot = '/proc'): string {
  const argv = (readOrUndefined(path.join(procRoot, String(pid), 'cmdline')) ?? '').split('\0').filter((arg) => arg !== '');
  const commandLine = argv.join(' ').replace(/\s+/g, ' ').trim();
  if (commandLine === '') return readOrUndefined(path.join(procRoot, String(pid), 'comm'))?.trim() ?? '(command unknown)';
  return commandLine.length > 160 ? `${commandLine.slice(0, 157)}...` : commandLine;
}

/**
 * The listening TCP sockets (IPv4 and IPv6) of `roots` and all their
 * descendants. A socket shared by several processes (inherited across fork)
 * is listed once, under the process closest to a root. Each process's own
 * /proc/<pid>/net is read, so a process in another network namespace is
 * judged by its own sockets. Processes we may not inspect (another user's)
 * contribute nothing.
 */
export function listListeningSockets(roots: readonly number[], procRoot = '/proc'): ListeningSocketOwner[] {
  const listenersByNamespace = new Map<string, Map<string, ProcNetListener>>();
  const listenersOf = (pid: number): Map<string, ProcNetListener> => {
    let namespace: string;
    try {
      namespace = fs.readlinkSync(path.join(procRoot, String(pid), 'ns', 'net'));
    } catch {
      namespace = `pid:${pid}`;
    }
    let listeners = listenersByNamespace.get(namespace);
    if (listeners === undefined) {
      listeners = new Map(readProcNetListeners(path.join(procRoot, String(pid), 'net')).map((listener) => [listener.inode, listener]));
      listenersByNamespace.set(namespace, listeners);
    }
    return listeners;
  };

  const found: ListeningSocketOwner[] = [];
  const seenInodes = new Set<string>();
  for (const pid of withDescendants(roots, procRoot)) {
    const inodes = socketInodes(pid, procRoot).filter((inode) => !seenInodes.has(inode));
    if (inodes.length === 0) continue;
    const listeners = listenersOf(pid);
    for (const inode of inodes) {
      const listener = listeners.get(inode);
      if (listener === undefined) continue;
      seenInodes.add(inode);
      found.push({ pid, command: commandLineOf(pid, procRoot), address: listener.address, port: listener.port });
    }
  }
  return found.sort((a, b) => a.port - b.port || a.address.localeCompare(b.address) || a.pid - b.pid);
}

export interface ComponentSocket extends ListeningSocketOwner {
  readonly component: string;
}

/** Every listening socket of each named process tree (a stack component and what it started). */
export function listComponentSockets(components: ReadonlyArray<{ readonly name: string; readonly pid: number }>, procRoot = '/proc'): ComponentSocket[] {
  return components.flatMap((component) =>
    listListeningSockets([component.pid], procRoot).map((socket) => ({ component: component.name, ...socket })),
  );
}

/** The sockets reachable from other machines: bound to anything but loopback (0.0.0.0, ::, a LAN address). */
export function exposedSockets<T extends ListeningSocketOwner>(sockets: readonly T[]): T[] {
  return sockets.filter((socket) => !isLoopbackAddress(socket.address));
}

/** `collector (pid 123, otelcol ...) listens on 0.0.0.0:4317`, for failure messages. */
export function describeSocket(socket: ComponentSocket): string {
  const host = socket.address.includes(':') ? `[${socket.address}]` : socket.address;
  return `${socket.component} (pid ${socket.pid}, ${socket.command}) listens on ${host}:${socket.port}`;
}
