import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { STACK_STATE_FILE } from '../paths';

const stackStateSchema = z.object({
  startedAt: z.string(),
  runnerPid: z.number().int(),
  components: z.array(
    z.object({
      name: z.string(),
      pid: z.number().int(),
      url: z.string(),
      healthUrl: z.string(),
      logFile: z.string(),
    }),
  ),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export type StackState = z.infer<typeof stackStateSchema>;

/** Written atomically so `status` or the e2e suite never read half a file. */
export function writeStackState(state: StackState, file = STACK_STATE_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

export function readStackState(file = STACK_STATE_FILE): StackState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return stackStateSchema.parse(JSON.parse(text));
}

export function removeStackState(file = STACK_STATE_FILE): void {
  fs.rmSync(file, { force: true });
}
