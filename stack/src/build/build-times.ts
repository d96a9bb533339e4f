import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { binaryCacheRoot, repoPath } from '../paths';

/**
 * How long each first-start step took, so the next first start (a new
 * version, a cleared cache) can say how much is left: the previous run's
 * times from the cache dir, else the committed reference figures measured
 * by `npm run bench:cold`. bootstrap.mjs reads and writes the same files
 * for the npm ci step, before any of this TypeScript can run.
 */
const timesSchema = z.object({ seconds: z.record(z.string(), z.number().nonnegative()) });

const REFERENCE_TIMES_FILE = repoPath('stack', 'build-times.reference.json');

export function previousTimesFile(cacheDirOverride: string | undefined): string {
  return path.join(path.dirname(binaryCacheRoot(cacheDirOverride)), 'build-times.json');
}

function readTimes(file: string): Record<string, number> {
  try {
    return timesSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).seconds;
  } catch {
    return {};
  }
}

export interface StepEstimate {
  readonly seconds: number;
  readonly from: 'previous run' | 'reference' | 'none';
}

export class BuildTimes {
  private readonly previous: Record<string, number>;
  private readonly reference: Record<string, number>;

  constructor(private readonly previousFile: string, referenceFile = REFERENCE_TIMES_FILE) {
    this.previous = readTimes(previousFile);
    this.reference = readTimes(referenceFile);
  }

  estimate(step: string): StepEstimate {
    const previous = this.previous[step];
    if (previous !== undefined) return { seconds: previous, from: 'previous run' };
    const reference = this.reference[step];
    return reference === undefined ? { seconds: 0, from: 'none' } : { seconds: reference, from: 'reference' };
  }

  /** Re-reads the file before writing, so steps recorded by another process (bootstrap's npm ci) survive. */
  record(step: string, seconds: number): void {
    const merged = { ...readTimes(this.previousFile), [step]: Math.round(seconds) };
    this.previous[step] = merged[step] ?? seconds;
    try {
      fs.mkdirSync(path.dirname(this.previousFile), { recursive: true });
      fs.writeFileSync(this.previousFile, `${JSON.stringify({ seconds: merged }, null, 2)}\n`);
    } catch {
      // Estimates are a courtesy: a read-only cache dir must not fail a build.
    }
  }
}
