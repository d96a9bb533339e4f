export interface StatusRow {
  readonly name: string;
  readonly url: string;
  readonly state: string;
}

/** Plain-text table, columns padded to their widest cell; the last column is never padded so lines carry no trailing spaces. */
export function formatStatusTable(rows: readonly StatusRow[]): string {
  const header: StatusRow = { name: 'NAME', url: 'URL', state: 'STATE' };
  const all = [header, ...rows];
  const nameWidth = Math.max(...all.map((row) => row.name.length));
  const urlWidth = Math.max(...all.map((row) => row.url.length));
  return all.map((row) => `${row.name.padEnd(nameWidth)}  ${row.url.padEnd(urlWidth)}  ${row.state}`).join('\n');
}
