import type { StackEnv } from '../env';
import {
  resolveCollectorBinary,
  resolveOptionalBinaries,
  resolvePrometheusBinaries,
  resolveTempoBinary,
  type ResolvedBinary,
} from '../build/backend-binaries';

function progressToStderr(message: string): void {
  process.stderr.write(`[build] ${message}\n`);
}

/**
 * Builds each backend independently, so one failure (say, a manifest that is
 * not written yet) does not hide whether the others build.
 */
export async function runBuildCommand(env: StackEnv): Promise<number> {
  const steps: Array<[string, () => Promise<Record<string, ResolvedBinary>>]> = [
    ['prometheus', async () => resolvePrometheusBinaries(env, progressToStderr)],
    ['tempo', async () => ({ tempo: await resolveTempoBinary(env, progressToStderr) })],
    ['otelcol', async () => ({ otelcol: await resolveCollectorBinary(env, progressToStderr) })],
  ];
  const failures: string[] = [];
  const binaries: Record<string, ResolvedBinary> = {};
  for (const [component, step] of steps) {
    try {
      Object.assign(binaries, await step());
    } catch (error) {
      failures.push(`${component}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const optional = resolveOptionalBinaries(env);
  if (optional.quickwit) binaries['quickwit'] = optional.quickwit;
  if (optional.grafana) binaries['grafana'] = optional.grafana;

  const nameWidth = Math.max(...Object.keys(binaries).map((name) => name.length), 0);
  for (const [name, binary] of Object.entries(binaries)) {
    process.stdout.write(`${name.padEnd(nameWidth)}  ${binary.path}  (${binary.source})\n`);
  }
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.join('\n\n')}\n`);
    return 1;
  }
  return 0;
}
