import type { Writable } from 'node:stream';

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95];

/**
 * Writes a child's lines as `name | line`, name padded so the columns align
 * and coloured on a terminal so interleaved output stays readable.
 */
export function createPrefixer(name: string, nameWidth: number, index: number, output: Writable & { isTTY?: boolean }): (line: string) => void {
  const label = name.padEnd(nameWidth);
  const prefix = output.isTTY === true ? `\x1b[${COLORS[index % COLORS.length] ?? 36}m${label} |\x1b[0m ` : `${label} | `;
  return (line) => {
    output.write(`${prefix}${line}\n`);
  };
}

/** Splits a byte stream into whole lines; a trailing partial line waits for the next chunk. */
export function createLineSplitter(onLine: (line: string) => void): { push(chunk: Buffer): void; flush(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line.replace(/\r$/, ''));
    },
    flush() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}
