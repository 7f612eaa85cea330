// Glyph grids: rows are sources, columns destinations, as upstream's truth tables print them.

export function formatGrid(rows: readonly string[], columns: readonly string[], cell: (row: string, column: string) => string, corner = 'from\\to'): string {
  const first = Math.max(corner.length, ...rows.map((r) => r.length));
  const widths = columns.map((c) => Math.max(c.length, 1));
  const line = (head: string, cells: string[]): string =>
    `| ${head.padEnd(first)} | ${cells.map((c, i) => c.padEnd(widths[i] ?? 1)).join(' | ')} |`;
  return [line(corner, [...columns]), ...rows.map((r) => line(r, columns.map((c) => cell(r, c))))].join('\n');
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
