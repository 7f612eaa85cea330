// The matrix as Markdown (one table per port, for a pull request or a wiki) and as CSV (one line
// per judged flow, for a spreadsheet). Implementation-defined cells are marked in both.
import { formatPort } from '../model/notation.js';
import { CELL, cellAt, cellName, variesAt, type MatrixView } from './matrix-view.js';

const MD_GLYPH: Record<number, string> = { [CELL.allowed]: '✓', [CELL.denied]: '✗', [CELL.unknown]: '?', [CELL.notJudged]: '–' };

/** `|` and line breaks would end a Markdown table cell. */
function mdCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function formatMatrixMarkdown(view: MatrixView): string {
  const ids = view.endpoints.map((e) => mdCell(e.id));
  const sections = view.ports.map((port, p) => {
    const head = `| from \\ to | ${ids.map((id) => `\`${id}\``).join(' | ')} |`;
    const rule = `|---|${ids.map(() => ':-:').join('|')}|`;
    const rows = view.endpoints.map((_, i) => {
      const cells = view.endpoints.map((__, j) => `${MD_GLYPH[cellAt(view, p, i, j)] ?? '?'}${variesAt(view, p, i, j) ? '*' : ''}`);
      return `| \`${ids[i] ?? ''}\` | ${cells.join(' | ')} |`;
    });
    return [`### ${formatPort(port)}`, '', head, rule, ...rows].join('\n');
  });
  const legend = ['✓ allowed, ✗ denied, ? unknown, – not judged (self, or external to external)'];
  if (view.varies) legend.push(`\\* implementation-defined: the verdict depends on ${view.variesBecause ?? 'the implementation'}`);
  return `${sections.join('\n\n')}\n\n${legend.join('  \n')}\n`;
}

/** RFC 4180 quoting (lines end in LF, which every spreadsheet reads): quote a field that holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatMatrixCsv(view: MatrixView): string {
  const lines = ['from,to,port,protocol,verdict,implementation_defined'];
  view.ports.forEach((port, p) => {
    view.endpoints.forEach((from, i) => {
      view.endpoints.forEach((to, j) => {
        const code = cellAt(view, p, i, j);
        if (code === CELL.notJudged) return;
        lines.push([from.id, to.id, String(port.port), port.protocol, cellName(code), variesAt(view, p, i, j) ? 'yes' : 'no'].map(csvField).join(','));
      });
    });
  });
  return `${lines.join('\n')}\n`;
}
