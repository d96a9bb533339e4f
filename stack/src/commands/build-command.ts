import type { StackEnv } from '../env';
import {
  resolveCollectorBinary,
  resolveGrafanaBinary,
  resolveLogStoreBinary,
  resolvePrometheusBinaries,
  resolveTraceStoreBinary,
  type ResolvedBinary,
} from '../build/backend-binaries';

function progressToStderr(message: string): void {
  process.stderr.write(`[build] ${message}\n`);
}

/** `victoriaLogs` in code, `victoria-logs` as the binary and on the command line. */
const LISTED_NAMES: Record<string, string> = { victoriaLogs: 'victoria-logs' };

/**
 * Builds each backend independently, so one failure (say, a manifest that is
 * not written yet) does not hide whether the others build.
 */
export async function runBuildCommand(env: StackEnv): Promise<number> {
  const steps: Array<[string, () => Promise<Record<string, ResolvedBinary | undefined>>]> = [
    ['prometheus', async () => resolvePrometheusBinaries(env, progressToStderr)],
    ['trace store', async () => resolveTraceStoreBinary(env, progressToStderr)],
    ['log store', async () => resolveLogStoreBinary(env, progressToStderr)],
    ['otelcol', async () => ({ otelcol: await resolveCollectorBinary(env, progressToStderr) })],
  ];
  const failures: string[] = [];
  const binaries: Record<string, ResolvedBinary> = {};
  for (const [component, step] of steps) {
    try {
      for (const [name, binary] of Object.entries(await step())) {
        if (binary !== undefined) binaries[LISTED_NAMES[name] ?? name] = binary;
      }
    } catch (error) {
      failures.push(`${component}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const { grafana } = resolveGrafanaBinary(env);
  if (grafana) binaries['grafana'] = grafana;

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
