import * as fs from 'node:fs';

/** The last lines of a log file, for error messages; reads only the file's end so big logs stay cheap. */
export function readLastLines(file: string, lineCount: number): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return `(no log at ${file})`;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-lineCount).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}
