import type { StackEnv } from '../env';
import {
  planCollectorBinary,
  planLogStoreBinary,
  planPrometheusBinary,
  planPromtoolBinary,
  planTraceStoreBinary,
  resolveGrafanaBinary,
  runBackendBuildSteps,
  type PlannedBinaries,
  type ResolvedBinary,
} from '../build/backend-binaries';
import type { BuildStep } from '../build/build-steps';
import { planPrometheusUi } from '../build/prometheus-ui-build';

function progressToStderr(message: string): void {
  process.stderr.write(`[build] ${message}\n`);
}

/** Names in code (`victoriaLogs`) as listed on the command line (`victoria-logs`, the binary's name). */
const LISTED_NAMES: Record<string, string> = { victoriaLogs: 'victoria-logs', prometheusUi: 'prometheus-ui' };

/**
 * Builds each backend independently, so one failure (say, a manifest that is
 * not written yet) does not hide whether the others build.
 */
export async function runBuildCommand(env: StackEnv): Promise<number> {
  const plans: Array<[string, () => PlannedBinaries<Record<string, ResolvedBinary | undefined>>]> = [
    ['otelcol', () => {
      const planned = planCollectorBinary(env);
      return { value: { otelcol: planned.value }, ...(planned.step !== undefined && { step: planned.step }) };
    }],
    ['prometheus', () => planPrometheusBinary(env)],
    ['promtool', () => planPromtoolBinary(env)],
    ['prometheus-ui', () => planPrometheusUi(env)],
    ['trace store', () => planTraceStoreBinary(env)],
    ['log store', () => planLogStoreBinary(env)],
  ];
  const failures: string[] = [];
  const planned: Array<PlannedBinaries<Record<string, ResolvedBinary | undefined>>> = [];
  for (const [component, plan] of plans) {
    try {
      planned.push(plan());
    } catch (error) {
      failures.push(`${component}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const steps = planned.flatMap((p): BuildStep[] => (p.step === undefined ? [] : [p.step]));
  const failedSteps = await runBackendBuildSteps(env, steps, progressToStderr, { keepGoing: true });
  for (const { step, error } of failedSteps) failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);

  const binaries: Record<string, ResolvedBinary> = {};
  for (const p of planned) {
    if (p.step !== undefined && failedSteps.some((failed) => failed.step === p.step)) continue;
    for (const [name, binary] of Object.entries(p.value)) {
      if (binary !== undefined) binaries[LISTED_NAMES[name] ?? name] = binary;
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
