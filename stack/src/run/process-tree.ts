import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Process trees from /proc: a component is its process and everything it
 * started (next start forks workers), for memory sums and socket listings alike.
 */

/** The parent pid from /proc/<pid>/stat; the command name in field 2 may contain spaces and parentheses. */
export function parentPidFromStat(stat: string): number | undefined {
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(afterName[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** A /proc file's text, or undefined when the process is gone or the file unreadable. */
export function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a running process; one of another user's (EPERM) counts as running. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `roots` and every live process below them (children, grandchildren, ...), roots first. */
export function withDescendants(roots: readonly number[], procRoot = '/proc'): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync(procRoot).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  for (const entry of entries) {
    const stat = readOrUndefined(path.join(procRoot, entry, 'stat'));
    const ppid = stat === undefined ? undefined : parentPidFromStat(stat);
    if (ppid === undefined) continue;
    const siblings = children.get(ppid) ?? [];
    siblings.push(Number(entry));
    children.set(ppid, siblings);
  }
  const alive = new Set(entries.map(Number));
  const seen = new Set<number>();
  const order: number[] = [];
  const queue = roots.filter((pid) => alive.has(pid));
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    order.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return order;
}
