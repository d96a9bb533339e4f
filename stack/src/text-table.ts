/**
 * A plain-text table: every column padded to its widest cell, two spaces
 * apart, the last column not padded, so no line ends in spaces. The first row
 * is the header; `underlineHeader` puts a row of dashes under it.
 */
export function formatTextTable(rows: ReadonlyArray<readonly string[]>, { underlineHeader = false } = {}): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  const [header, ...body] = rows;
  if (header === undefined) return '';
  const underline = underlineHeader ? [line(widths.map((width) => '-'.repeat(width)))] : [];
  return [line(header), ...underline, ...body.map(line)].join('\n');
}
