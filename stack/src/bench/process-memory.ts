import { parentPidFromStat, readOrUndefined, withDescendants } from '../run/process-tree';

/** A /proc/<pid>/<file> field in kB ("VmRSS:  1234 kB", "Pss:  567 kB"), as bytes; 0 if the process is gone. */
function procKilobytes(pid: number, file: string, field: string): number {
  const text = readOrUndefined(`/proc/${pid}/${file}`);
  const match = text === undefined ? null : new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text);
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

/** Resident set size: every page the process maps, shared ones (the node binary's code) included. */
const residentBytes = (pid: number): number => procKilobytes(pid, 'status', 'VmRSS');

/** Proportional set size: shared pages split among the processes that map them, so a sum counts them once. */
const proportionalBytes = (pid: number): number => procKilobytes(pid, 'smaps_rollup', 'Pss');

/** `measure` summed over `pids`. */
function sumOver(pids: readonly number[], measure: (pid: number) => number): number {
  return pids.reduce((sum, pid) => sum + measure(pid), 0);
}

export interface MemorySample {
  readonly totalBytes: number;
  readonly byComponent: ReadonlyMap<string, number>;
}

/**
 * Sums RSS over each component's whole process tree. RSS counts shared
 * pages once per process (every Node process maps the same 35-40 MiB of the
 * node binary's code), so the sum overstates the real footprint; it is the
 * conservative number to hold against the goal.
 */
export function sampleStackMemory(components: ReadonlyArray<{ name: string; pid: number }>): MemorySample {
  const byComponent = new Map<string, number>();
  for (const component of components) {
    byComponent.set(component.name, sumOver(withDescendants([component.pid]), residentBytes));
  }
  return { totalBytes: [...byComponent.values()].reduce((a, b) => a + b, 0), byComponent };
}

function commandName(pid: number): string | undefined {
  return readOrUndefined(`/proc/${pid}/comm`)?.trim();
}

/**
 * The processes that launched the supervisor: `npm start` runs the script
 * through `sh -c`, so the supervisor's parent is a shell and its parent npm.
 * Stops at the first process that is neither (a terminal's shell, or nothing
 * when the stack was started another way).
 */
function launcherPids(runnerPid: number): number[] {
  const launchers: number[] = [];
  let pid = runnerPid;
  for (;;) {
    const stat = readOrUndefined(`/proc/${pid}/stat`);
    const parent = stat === undefined ? undefined : parentPidFromStat(stat);
    if (parent === undefined || parent <= 1) return launchers;
    const name = commandName(parent) ?? '';
    const isShellOfNpm = name === 'sh' && launchers.length === 0;
    if (!isShellOfNpm && !name.startsWith('npm')) return launchers;
    launchers.push(parent);
    pid = parent;
  }
}

export interface WholeStackSample {
  /** RSS summed per process: npm and its shell, the supervisor, each component's tree. */
  readonly byProcess: ReadonlyMap<string, number>;
  readonly residentBytes: number;
  /** The same processes' PSS: what they cost the machine together. */
  readonly proportionalBytes: number;
}

/** Everything `npm start` runs: npm (when it launched the stack), the supervisor, and every component's tree. */
export function sampleWholeStack(runnerPid: number, components: ReadonlyArray<{ name: string; pid: number }>): WholeStackSample {
  const groups: Array<[string, number[]]> = [
    ['npm', launcherPids(runnerPid)],
    ['supervisor', [runnerPid]],
    ...components.map((component): [string, number[]] => [component.name, withDescendants([component.pid])]),
  ];
  const byProcess = new Map<string, number>();
  let resident = 0;
  let proportional = 0;
  for (const [name, pids] of groups) {
    const bytes = sumOver(pids, residentBytes);
    if (bytes === 0) continue;
    byProcess.set(name, bytes);
    resident += bytes;
    proportional += sumOver(pids, proportionalBytes);
  }
  return { byProcess, residentBytes: resident, proportionalBytes: proportional };
}
