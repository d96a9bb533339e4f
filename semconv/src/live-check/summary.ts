import { formatTextTable } from '@o11y-demo/stack';
import type { Finding } from './findings';
import type { OwnNames } from '../registry';
import { isOwn, upstreamSource } from './ownership';
import type { LiveCheckReport } from './weaver-live-check';

const LEVELS = ['violation', 'improvement', 'information'] as const;

interface LiveCheckSummary {
  samples: number;
  /** Share of the registry (the conventions and the demo's own) seen in the samples, 0 to 1. */
  coverage: number;
  /** Weaver's own count of advice by level. */
  levels: Record<string, number>;
  /** Findings about names the demo's own code chose. */
  own: Finding[];
  /** The rest, by the upstream instrumentation they come from. */
  upstream: Map<string, Finding[]>;
}

export function summarise(report: LiveCheckReport, findings: Finding[], own: OwnNames): LiveCheckSummary {
  const upstream = new Map<string, Finding[]>();
  const ours: Finding[] = [];
  for (const finding of findings) {
    if (isOwn(finding, own)) ours.push(finding);
    else {
      const source = upstreamSource(finding);
      upstream.set(source, [...(upstream.get(source) ?? []), finding]);
    }
  }
  const { statistics } = report;
  return { samples: statistics.total_entities, coverage: statistics.registry_coverage, levels: statistics.advice_level_counts, own: ours, upstream };
}

const count = (findings: Finding[], level: string): number => findings.filter((finding) => finding.level === level).length;

/** Distinct messages of one level, most frequent first, with their counts. */
function messages(findings: Finding[], level: string): string[] {
  const counts = new Map<string, number>();
  for (const finding of findings) if (finding.level === level) counts.set(finding.message, (counts.get(finding.message) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([message, n]) => `${String(n).padStart(5)}  ${message}`);
}

export function formatSummary(summary: LiveCheckSummary): string {
  const levelRows = LEVELS.map((level) => [level, String(summary.levels[level] ?? 0), String(count(summary.own, level))]);
  const sources = [...summary.upstream].sort((a, b) => count(b[1], 'violation') - count(a[1], 'violation'));
  const sourceRows = sources.map(([source, findings]) => [source, ...LEVELS.map((level) => String(count(findings, level)))]);
  return [
    `Weaver live check: ${summary.samples} samples, registry coverage ${(summary.coverage * 100).toFixed(1)} %`,
    '',
    formatTextTable([['level', 'all', "demo's own names"], ...levelRows], { underlineHeader: true }),
    '',
    'Upstream instrumentations (not renamed here; see docs/semantic-conventions.md):',
    formatTextTable([['source', ...LEVELS], ...sourceRows], { underlineHeader: true }),
    '',
    ...sources.flatMap(([source, findings]) => {
      const violations = messages(findings, 'violation');
      return violations.length === 0 ? [] : [`${source}, violations:`, ...violations];
    }),
    ...(summary.own.some((finding) => finding.level === 'violation')
      ? ['', "Violations from the demo's own names (fix the code or semconv/model):", ...messages(summary.own, 'violation')]
      : []),
  ].join('\n');
}
