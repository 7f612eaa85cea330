// reports/compare.json: the comparison for machines (CI dashboards, diffing two runs).
import type { Comparison } from './compare-model.js';

export function compareJson(c: Comparison): string {
  const baseline = c.baseline !== undefined ? c.targets[c.baseline] : undefined;
  return `${JSON.stringify(
    {
      targets: c.targets,
      baseline: baseline ?? null,
      totals: c.totals,
      divergences: c.divergences.map((d) => ({ scenario: d.row.name, uri: d.row.uri, line: d.row.line, target: d.target, kind: d.kind, baseline: d.baseline, status: d.status, message: d.row.cells[c.targets.indexOf(d.target)]?.message ?? null })),
      scenarios: c.rows.map((r) => ({
        name: r.name,
        uri: r.uri,
        line: r.line,
        tags: r.tags,
        results: Object.fromEntries(c.targets.map((t, i) => [t, r.cells[i] ?? null])),
      })),
    },
    null,
    2,
  )}\n`;
}
