// reports/compare.md: the comparison for people and pull requests. Divergences from sim first,
// then totals, the scenario x target table, and each failure's difference tables.
import { firstMessageLine, type CompareCell, type Comparison } from './compare-model.js';

const cellText = (cell: CompareCell | undefined): string => {
  if (!cell) return '-';
  switch (cell.status) {
    case 'passed':
      return 'pass';
    case 'failed':
      return '**FAIL**';
    case 'skipped':
      return `skipped${cell.skipReason ? `: ${cell.skipReason}` : ''}`;
    default:
      return `**${cell.status}**`;
  }
};

const esc = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const where = (uri: string, line: number): string => `${uri}:${line}`;

export function compareMarkdown(c: Comparison): string {
  const out: string[] = ['# NetworkPolicy conformance: target comparison', '', `Targets: ${c.targets.map((t) => `\`${t}\``).join(', ')}`, ''];
  const baseline = c.baseline !== undefined ? c.targets[c.baseline] : undefined;
  if (baseline === undefined) {
    out.push('## Divergences', '', 'sim was not among the targets, so there is no spec baseline to compare with.', '');
  } else if (c.divergences.length === 0) {
    out.push(`## Divergences from ${baseline}`, '', `None: every scenario that ran on both has the same outcome as on ${baseline}.`, '');
  } else {
    out.push(`## Divergences from ${baseline} (${c.divergences.length})`, '', `| Scenario | Target | ${baseline} | Target result | What happened |`, '|---|---|---|---|---|');
    for (const d of c.divergences) {
      const cell = d.row.cells[c.targets.indexOf(d.target)];
      const what = d.kind === 'fails-on-target' ? firstMessageLine(cell?.message) : `passes here but not on ${baseline}: check the claim`;
      out.push(`| ${esc(d.row.name)} (${where(d.row.uri, d.row.line)}) | \`${d.target}\` | ${d.baseline} | ${d.status} | ${esc(what)} |`);
    }
    out.push('');
  }
  if (c.conformanceReports && c.conformanceReports.length > 0) {
    out.push('## Conformance reports', '', 'The ported Network Policy API conformance suite, per target, in the format that project publishes:', '');
    for (const r of c.conformanceReports) out.push(`- \`${r.target}\`: [${r.file}](${r.file})`);
    out.push('');
  }
  out.push('## Totals', '', '| Target | Passed | Failed | Skipped | Other |', '|---|---:|---:|---:|---:|');
  for (const t of c.totals) out.push(`| \`${t.target}\` | ${t.passed} | ${t.failed} | ${t.skipped} | ${t.other} |`);
  out.push('', '## Scenarios', '', `| Scenario | ${c.targets.map((t) => `\`${t}\``).join(' | ')} |`, `|---|${c.targets.map(() => '---').join('|')}|`);
  for (const row of c.rows) out.push(`| ${esc(row.name)} <br>${where(row.uri, row.line)} | ${row.cells.map((cell) => esc(cellText(cell))).join(' | ')} |`);
  const failures = c.rows.flatMap((row) => row.cells.flatMap((cell, i) => (cell && cell.status !== 'passed' && cell.status !== 'skipped' ? [{ row, cell, target: c.targets[i] ?? '' }] : [])));
  if (failures.length > 0) {
    out.push('', '## Failures', '');
    for (const f of failures) {
      out.push(`### ${f.row.name} on \`${f.target}\``, '', `${where(f.row.uri, f.row.line)}: ${f.cell.status}`, '', '```text', (f.cell.message ?? '(no message)').replaceAll('```', "'''"), '```', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
