import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUN_LOGS_DIR } from '../paths';
import type { ComponentSpec } from './component-spec';
import { createLineSplitter } from './console-prefix';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One running child in its own process group, with output going to its log file (and optionally the console). */
export class SupervisedProcess {
  readonly logFile: string;
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private exitInfo: ExitInfo | undefined;
  private stopping = false;

  /** `appendToLog`: a restarted component keeps its earlier output, so a drill's log tells the whole story. */
  constructor(
    readonly spec: ComponentSpec,
    onLine: ((line: string) => void) | undefined,
    { appendToLog = false }: { appendToLog?: boolean } = {},
  ) {
    this.logFile = path.join(RUN_LOGS_DIR, `${spec.name}.log`);
    fs.mkdirSync(RUN_LOGS_DIR, { recursive: true });
    for (const dir of spec.directories) fs.mkdirSync(dir, { recursive: true });
    const log = fs.createWriteStream(this.logFile, { flags: appendToLog ? 'a' : 'w' });

    this.child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: one signal to -pid reaches the child's own children
      // (next start forks workers), and Ctrl-C in the terminal reaches only us,
      // so we decide the stop order.
      detached: true,
    });

    for (const stream of [this.child.stdout, this.child.stderr]) {
      const splitter = createLineSplitter((line) => {
        log.write(`${line}\n`);
        onLine?.(line);
      });
      stream?.on('data', (chunk: Buffer) => splitter.push(chunk));
      stream?.on('end', () => splitter.flush());
    }

    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        log.write(`[stack] could not start ${spec.command}: ${error.message}\n`);
        this.exitInfo = { code: -1, signal: null };
        log.end(() => resolve(this.exitInfo as ExitInfo));
      });
      this.child.on('close', (code, signal) => {
        this.exitInfo = { code, signal };
        log.end(() => resolve({ code, signal }));
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get name(): string {
    return this.spec.name;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** "exited with code 1" / "killed by SIGSEGV", for error messages. */
  get exitDescription(): string | undefined {
    if (this.exitInfo === undefined) return undefined;
    return this.exitInfo.signal !== null ? `killed by ${this.exitInfo.signal}` : `exited with code ${this.exitInfo.code}`;
  }

  /** True once stop() was called: an exit after that is expected, not a crash. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** SIGKILL to the whole group at once, as a crash or an OOM kill would; the exit is expected. */
  async kill(): Promise<ExitInfo> {
    this.stopping = true;
    signalProcessGroup(this.pid, 'SIGCONT');
    signalProcessGroup(this.pid, 'SIGKILL');
    return this.exited;
  }

  /** SIGSTOP / SIGCONT to the whole group: the process keeps its sockets but answers nothing, like a hung host. */
  freeze(frozen: boolean): void {
    signalProcessGroup(this.pid, frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  /**
   * SIGTERM to the whole group, SIGKILL after the deadline; and a final
   * SIGKILL to the group even after a clean exit, because a grandchild that
   * ignored SIGTERM would otherwise outlive the stack as an orphan.
   */
  async stop(graceMs: number): Promise<ExitInfo> {
    this.stopping = true;
    // A frozen process would never see the SIGTERM.
    signalProcessGroup(this.pid, 'SIGCONT');
    signalProcessGroup(this.pid, 'SIGTERM');
    const timedOut = Symbol('timeout');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      this.exited,
      new Promise<typeof timedOut>((resolve) => {
        timer = setTimeout(() => resolve(timedOut), graceMs);
      }),
    ]);
    clearTimeout(timer);
    signalProcessGroup(this.pid, 'SIGKILL');
    if (outcome === timedOut) {
      fs.appendFileSync(this.logFile, `[stack] ${this.name} did not stop within ${graceMs} ms; killed\n`);
      return this.exited;
    }
    return outcome;
  }
}

/** Signals a process group; a group that is already gone is fine. */
export function signalProcessGroup(pid: number | undefined, signal: NodeJS.Signals): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
