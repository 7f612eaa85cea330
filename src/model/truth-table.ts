// Truth tables, the project's picture of reachability: rows are sources, columns destinations, one
// glyph per flow, as upstream's netpol e2e suite prints them. Feature tables are read with these
// glyphs, and the matrix and mismatch reports print them.
import type { Reachability } from './verdicts.js';

export const GLYPH = { allowed: '.', denied: 'X', unknown: '?', notJudged: '-' } as const;

/** Printed only (matrix, explain): allowed by the policies, but the destination does not listen there. */
export const UNSERVED_GLYPH = 'o';

export function reachabilityGlyph(r: Reachability): string {
  return r === 'allowed' ? GLYPH.allowed : r === 'denied' ? GLYPH.denied : GLYPH.unknown;
}

export function formatGrid(rows: readonly string[], columns: readonly string[], cell: (row: string, column: string) => string, corner = 'from -> to'): string {
  const line = gridLines(rows, columns, corner);
  return [line(corner, columns), ...rows.map((r) => line(r, columns.map((c) => cell(r, c))))].join('\n');
}

/** One line of a grid: the head padded to the widest row name, each cell to its column's width. */
export function gridLines(rows: readonly string[], columns: readonly string[], corner = 'from -> to'): (head: string, cells: readonly string[]) => string {
  const first = Math.max(corner.length, ...rows.map((r) => r.length));
  const widths = columns.map((c) => Math.max(c.length, 1));
  return (head, cells) => `| ${head.padEnd(first)} | ${cells.map((c, i) => c.padEnd(widths[i] ?? 1)).join(' | ')} |`;
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
