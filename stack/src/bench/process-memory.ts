import * as fs from 'node:fs';

/** pid -> parent pid for every process visible in /proc. */
function parentPids(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(afterName[1]));
    } catch {
      // The process exited while we were looking.
    }
  }
  return parents;
}

/** The pid and all its descendants (next start forks, npm would too). */
export function processTree(rootPid: number, parents = parentPids()): number[] {
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

/** Resident set size in bytes from /proc/<pid>/status (VmRSS), 0 if the process is gone. */
export function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

export interface MemorySample {
  readonly totalBytes: number;
  readonly byComponent: ReadonlyMap<string, number>;
}

/**
 * Sums RSS over each component's whole process tree. RSS counts shared
 * library pages once per process, so this slightly overstates the real
 * footprint; it is the conservative number to hold against the goal.
 */
export function sampleStackMemory(components: ReadonlyArray<{ name: string; pid: number }>): MemorySample {
  const parents = parentPids();
  const byComponent = new Map<string, number>();
  for (const component of components) {
    const bytes = processTree(component.pid, parents).reduce((sum, pid) => sum + residentBytes(pid), 0);
    byComponent.set(component.name, bytes);
  }
  return { totalBytes: [...byComponent.values()].reduce((a, b) => a + b, 0), byComponent };
}
