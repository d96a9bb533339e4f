import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLastLines } from '../log-tail';

export class BuildFailedError extends Error {
  constructor(
    readonly what: string,
    readonly logFile: string,
    readonly logTail: string,
  ) {
    super(`${what} failed. Last lines of ${logFile}:\n${logTail}\n(full log: ${logFile})`);
  }
}

export interface LoggedCommand {
  /** Shown in errors, e.g. "building Tempo". */
  readonly what: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Appended to, so one build's several steps end up in one log. */
  readonly logFile: string;
}

/**
 * Runs a build step with all its output in a log file rather than on the
 * console: Go builds print hundreds of "downloading" lines that would bury the
 * table the user is waiting for. On failure the error carries the log's tail.
 */
export async function runLoggedCommand(step: LoggedCommand): Promise<string> {
  fs.mkdirSync(path.dirname(step.logFile), { recursive: true });
  const log = fs.openSync(step.logFile, 'a');
  fs.writeSync(log, `\n$ (cd ${step.cwd} && ${step.command} ${step.args.join(' ')})\n`);
  let stdout = '';
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(step.command, step.args, {
        cwd: step.cwd,
        env: step.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        fs.writeSync(log, chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => fs.writeSync(log, chunk));
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (exitCode !== 0) {
      throw new BuildFailedError(step.what, step.logFile, readLastLines(step.logFile, 30));
    }
    return stdout;
  } finally {
    fs.closeSync(log);
  }
}
