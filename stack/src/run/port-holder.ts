import * as fs from 'node:fs';
import * as net from 'node:net';

export interface ListeningSocket {
  readonly port: number;
  readonly inode: string;
}

export interface PortHolder {
  readonly pid: number;
  readonly command: string;
}

const TCP_LISTEN_STATE = '0A';

/** Parses /proc/net/tcp or tcp6: columns are `sl local_address rem_address st ... inode`. */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    const localAddress = columns[1];
    const state = columns[3];
    const inode = columns[9];
    if (localAddress === undefined || state !== TCP_LISTEN_STATE || inode === undefined) continue;
    const portHex = localAddress.split(':').at(-1);
    if (portHex === undefined) continue;
    sockets.push({ port: Number.parseInt(portHex, 16), inode });
  }
  return sockets;
}

function listeningSocketInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const socket of parseProcNetTcp(text)) if (socket.port === port) inodes.add(socket.inode);
  }
  return inodes;
}

function commandLineOf(pid: number): string {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
    // One line, and short: an inline script as argument would otherwise swamp the message.
    const commandLine = argv.join(' ').replace(/\s+/g, ' ').trim();
    return commandLine.length > 160 ? `${commandLine.slice(0, 157)}...` : commandLine;
  } catch {
    return '(command unknown)';
  }
}

/**
 * Which process listens on a TCP port, from /proc (no `ss`/`lsof` needed).
 * Returns null when the port is free; a holder with pid 0 when the port is
 * taken but the owning process is not visible to us (another user's process).
 */
export function findPortHolder(port: number): PortHolder | null {
  const inodes = listeningSocketInodes(port);
  if (inodes.size === 0) return null;
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return { pid: 0, command: '(unknown process)' };
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode !== undefined && inodes.has(inode)) {
        return { pid: Number(pid), command: commandLineOf(Number(pid)) };
      }
    }
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
