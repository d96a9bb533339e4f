import { formatTextTable } from '../text-table';

export interface StatusRow {
  readonly name: string;
  readonly url: string;
  readonly state: string;
}

/** The stack's status as a plain-text table, one row per component. */
export function formatStatusTable(rows: readonly StatusRow[]): string {
  return formatTextTable([['NAME', 'URL', 'STATE'], ...rows.map((row) => [row.name, row.url, row.state])]);
}
