import { parse } from 'yaml';

/** The component kinds of an OpenTelemetry Collector config (Jaeger v2's included). */
export const KINDS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
export type Kind = (typeof KINDS)[number];

interface CollectorConfig {
  readonly service?: {
    readonly extensions?: string[];
    readonly pipelines?: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }>;
  };
}

/** `type[/name]` -> type. */
function typeOf(componentId: string): string {
  return componentId.split('/')[0] ?? componentId;
}

/**
 * The component types a collector config's service section runs, per kind
 * (a connector is an exporter of one pipeline and a receiver of another).
 * Declared but unused components do not count.
 */
export function usedTypes(configText: string): Record<Kind, Set<string>> {
  const config = parse(configText) as CollectorConfig & Partial<Record<Kind, Record<string, unknown>>>;
  const pipelines = Object.values(config.service?.pipelines ?? {});
  const inPipelines = (key: 'receivers' | 'processors' | 'exporters'): string[] => pipelines.flatMap((p) => p[key] ?? []);
  const declared = (kind: Kind): Set<string> => new Set(Object.keys(config[kind] ?? {}));
  const connectors = declared('connectors');
  const ofKind = (ids: string[], kind: Kind): Set<string> => new Set(ids.filter((id) => declared(kind).has(id)).map(typeOf));
  return {
    receivers: ofKind(inPipelines('receivers'), 'receivers'),
    processors: ofKind(inPipelines('processors'), 'processors'),
    exporters: ofKind(inPipelines('exporters'), 'exporters'),
    connectors: new Set([...inPipelines('receivers'), ...inPipelines('exporters')].filter((id) => connectors.has(id)).map(typeOf)),
    extensions: ofKind(config.service?.extensions ?? [], 'extensions'),
  };
}
