import * as fs from 'node:fs';
import { withDescendants } from '../run/process-tree';

/** Resident set size in bytes from /proc/<pid>/status (VmRSS), 0 if the process is gone. */
function residentBytes(pid: number): number {
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
  const byComponent = new Map<string, number>();
  for (const component of components) {
    const bytes = withDescendants([component.pid]).reduce((sum, pid) => sum + residentBytes(pid), 0);
    byComponent.set(component.name, bytes);
  }
  return { totalBytes: [...byComponent.values()].reduce((a, b) => a + b, 0), byComponent };
}
