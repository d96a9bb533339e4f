import type { LiveCheckReport } from './weaver-live-check';

/** One piece of Weaver's advice, with where in the telemetry it was found. */
export interface Finding {
  level: string;
  id: string;
  message: string;
  /** The attribute, span, event, metric or scope name the advice is about. */
  subject: string;
  /** What the advice is on: an attribute of a resource or a signal, or the signal itself. */
  on: 'resource' | 'scope' | 'signal' | 'attribute';
  service: string;
  /** The instrumentation scope that sent it ('' for resource findings). */
  scope: string;
  /** The span, log record (by event name) or metric it was found in. */
  signal: { kind: 'span' | 'log' | 'metric'; name: string } | undefined;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function adviceOf(sample: Node): Node[] {
  const result = sample['live_check_result'];
  return isNode(result) ? nodes(result['all_advice']) : [];
}

/**
 * Every finding in the report. Weaver lists the samples in the order they
 * came: a resource, then an instrumentation scope, then that scope's spans,
 * log records or metrics, each with its attributes (and a span's events, a
 * metric's data points) nested; the service and scope of a signal are those
 * of the resource and scope before it.
 */
export function findingsOf(report: LiveCheckReport): Finding[] {
  const findings: Finding[] = [];
  let service = '';
  let scope = '';
  const add = (sample: Node, on: Finding['on'], subject: string, signal: Finding['signal']): void => {
    for (const advice of adviceOf(sample)) {
      findings.push({ level: text(advice['level']), id: text(advice['id']), message: text(advice['message']), subject, on, service, scope: on === 'resource' ? '' : scope, signal });
    }
  };
  const addAttributes = (owner: Node, on: 'resource' | 'attribute', signal: Finding['signal']): void => {
    for (const attribute of nodes(owner['attributes'])) add(attribute, on, text(attribute['name']), signal);
  };

  for (const entry of report.samples) {
    const [kind, sample] = Object.entries(entry)[0] ?? [];
    if (!isNode(sample)) continue;
    if (kind === 'resource') {
      service = text(nodes(sample['attributes']).find((attribute) => attribute['name'] === 'service.name')?.['value']);
      scope = '';
      add(sample, 'resource', service, undefined);
      addAttributes(sample, 'resource', undefined);
    } else if (kind === 'instrumentation_scope') {
      scope = text(sample['name']);
      add(sample, 'scope', scope, undefined);
    } else if (kind === 'span' || kind === 'log' || kind === 'metric') {
      const name = text(sample[kind === 'log' ? 'event_name' : 'name']);
      const signal = { kind, name } as const;
      add(sample, 'signal', name, signal);
      addAttributes(sample, 'attribute', signal);
      for (const part of [...nodes(sample['span_events']), ...nodes(sample['span_links']), ...nodes(sample['data_points'])]) {
        add(part, 'signal', text(part['name']) || name, signal);
        addAttributes(part, 'attribute', signal);
      }
    }
  }
  return findings;
}
