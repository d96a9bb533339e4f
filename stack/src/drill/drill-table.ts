import { formatTextTable } from '../text-table';
import { DROP_ALERT } from './drill-steps';
import type { StepResult } from './outage-drill';

function share(arrived: number, sent: number, byDesign: boolean): string {
  return `${arrived}/${sent}${sent > 0 && arrived < sent ? (byDesign ? ' lost, counted' : ' LOST') : ''}`;
}

/**
 * True when nothing the pipeline promised to keep went missing and the apps
 * answered everything; for a step that loses data by design, when the loss
 * happened, the collector counted it and the drop alert fired.
 */
export function stepPassed(result: StepResult): boolean {
  if (result.appErrors > 0) return false;
  const lost = result.tracesSent - result.tracesArrived + (result.logLinesSent - result.logLinesArrived);
  if (result.step.expectsLoss === true) return lost > 0 && result.collectorDrops > 0 && result.firingAlerts.includes(DROP_ALERT);
  return lost === 0;
}

/** The drill's results as a fixed-width table, one row per step, plus notes. */
export function formatDrillTable(results: readonly StepResult[]): string {
  const header = ['step', 'traces arrived', 'log lines arrived', 'app errors', 'p99 in outage', 'drops', 'caught up', 'alerts firing'];
  const rows = results.map((r) => [
    r.step.title,
    share(r.tracesArrived, r.tracesSent, r.step.expectsLoss === true),
    share(r.logLinesArrived, r.logLinesSent, r.step.expectsLoss === true),
    `${r.appErrors}/${r.requests}`,
    `${Math.round(r.outageP99Ms)} ms`,
    String(r.collectorDrops),
    `${r.catchUpS.toFixed(0)} s`,
    r.firingAlerts.length === 0 ? '-' : r.firingAlerts.join(', '),
  ]);
  const notes = results.filter((r) => r.note !== undefined).map((r) => `  ${r.step.title}: ${r.note}`);
  const incomplete = results
    .filter((r) => r.incomplete.length > 0 && r.step.expectsLoss !== true)
    .map((r) => `  ${r.step.title}: missing ${[...r.missingParts].map(([part, n]) => `${part} x${n}`).join(', ')}; e.g. trace ${r.incomplete[0]}`);
  const table = formatTextTable([header, ...rows], { underlineHeader: true });
  return [table, ...(notes.length > 0 || incomplete.length > 0 ? ['', ...notes, ...incomplete] : [])].join('\n');
}
