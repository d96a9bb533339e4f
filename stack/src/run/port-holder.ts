import * as fs from 'node:fs';
import * as net from 'node:net';
import { commandLineOf, readProcNetListeners, socketInodes } from './listening-sockets';

export interface PortHolder {
  readonly pid: number;
  readonly command: string;
}

function listeningSocketInodes(port: number): Set<string> {
  return new Set(readProcNetListeners('/proc/net').filter((socket) => socket.port === port).map((socket) => socket.inode));
}

/**
 * Which process listens on a TCP port, from /proc (no `ss`/`lsof` needed).
 * Returns null when the port is free; a holder with pid 0 when the port is
 * taken but the owning process is not visible to us (another user's process).
 */
export function findPortHolder(port: number): PortHolder | null {
  const inodes = listeningSocketInodes(port);
  if (inodes.size === 0) return null;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return { pid: 0, command: '(unknown process)' };
  }
  for (const pid of pids) {
    if (socketInodes(Number(pid)).some((inode) => inodes.has(inode))) return { pid: Number(pid), command: commandLineOf(Number(pid)) };
  }
  return { pid: 0, command: '(a process we cannot inspect; try `sudo ss -ltnp`)' };
}

/**
 * A bind probe catches what /proc cannot show (no procfs, e.g. macOS).
 * Binding the wildcard address is the strictest test: it fails if anything
 * holds the port on any local address.
 */
export function canBindPort(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
