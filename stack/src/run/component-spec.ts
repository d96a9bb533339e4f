/** What the runner needs to know to start, check and stop one process. */
export interface ComponentSpec {
  readonly name: string;
  /**
   * Start and stop order: backends first, then the collector, then the apps;
   * stopping runs in reverse so apps flush into a live collector, which
   * flushes into live backends.
   */
  readonly tier: 'backend' | 'collector' | 'app';
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly ports: ReadonlyArray<{ readonly port: number; readonly purpose: string }>;
  readonly healthUrl: string;
  /** What the user opens or queries; shown in the table. */
  readonly url: string;
  /** Directories the process expects to exist before it starts. */
  readonly directories: readonly string[];
}

/** A part of the demo that is deliberately not started, and why: shown under the table. */
export interface SkippedComponent {
  readonly name: string;
  readonly reason: string;
}
