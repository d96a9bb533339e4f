import type { LiveCheckReport } from './weaver-live-check';

/** One piece of Weaver's advice, with where in the telemetry it was found. */
export interface Finding {
  level: string;
  id: string;
  message: string;
  /** The attribute, metric, event or span name the advice is about. */
  subject: string;
  /** The kind of sample it was found on: attribute, span, log, metric, resource, ... */
  sampleKind: string;
  service: string;
  /** The enclosing span's, log record's (event's) or metric's name, when there is one. */
  signal: { kind: string; name: string } | undefined;
}

const SIGNALS = new Set(['span', 'span_event', 'log', 'metric']);

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

function nameOf(node: Node): string {
  for (const key of ['name', 'event_name', 'key']) if (typeof node[key] === 'string' && node[key] !== '') return node[key];
  return '';
}

/** service.name from a resource sample's attributes, however Weaver lists them. */
function serviceOf(resource: Node): string | undefined {
  const attributes = resource['attributes'];
  if (!Array.isArray(attributes)) return undefined;
  for (const attribute of attributes as unknown[]) {
    const entry = isNode(attribute) && isNode(attribute['attribute']) ? attribute['attribute'] : attribute;
    if (isNode(entry) && entry['name'] === 'service.name' && typeof entry['value'] === 'string') return entry['value'];
  }
  return undefined;
}

/**
 * Every finding in the report's samples. A sample nests others (a resource its
 * spans, a span its attributes and events); each finding keeps the service and
 * the signal it was found in.
 */
export function findingsOf(report: LiveCheckReport): Finding[] {
  const findings: Finding[] = [];
  const visit = (value: unknown, kind: string, service: string, signal: Finding['signal']): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, kind, service, signal);
      return;
    }
    if (!isNode(value)) return;
    const here = kind === 'resource' ? (serviceOf(value) ?? service) : service;
    const inSignal = SIGNALS.has(kind) && kind !== 'span_event' ? { kind, name: nameOf(value) } : kind === 'span_event' ? { kind: 'event', name: nameOf(value) } : signal;
    const result = value['live_check_result'];
    if (isNode(result) && Array.isArray(result['all_advice'])) {
      for (const advice of result['all_advice'] as Node[]) {
        const context = isNode(advice['context']) ? advice['context'] : {};
        const subject = [context['attribute_key'], context['metric_name'], context['event_name'], context['span_name'], nameOf(value)].find((v) => typeof v === 'string' && v !== '') as string | undefined;
        findings.push({
          level: String(advice['level']),
          id: String(advice['id']),
          message: String(advice['message']),
          subject: subject ?? '',
          sampleKind: kind,
          service: here,
          signal: inSignal,
        });
      }
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === 'live_check_result') continue;
      visit(child, isNode(child) || Array.isArray(child) ? (/^[a-z_]+$/.test(key) && key !== 'attributes' ? key : kind) : kind, here, inSignal);
    }
  };
  visit(report.samples, 'sample', '', undefined);
  return findings;
}
