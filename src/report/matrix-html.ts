// One self-contained HTML page for a matrix: a coloured grid per port (rows are sources, columns
// destinations: allowed, denied, implementation-defined, unknown), the graph, and beside them the
// engine's explanation of the flow under the pointer. Inline style, script and SVG: the file can be
// mailed, attached to a CI run, or opened from disk.
import { formatPort } from '../model/notation.js';
import { escapeHtml } from './compare-html.js';
import type { ExplanationTable } from './matrix-explanations.js';
import { flowKeyOf } from './matrix-explanations.js';
import { MATRIX_SCRIPT, MATRIX_STYLE } from './matrix-html-assets.js';
import { CELL, cellAt, cellName, variesAt, type MatrixView } from './matrix-view.js';

/** A claim about one flow (a scenario's), drawn on its cell. */
export interface PageClaim {
  port: number;
  from: number;
  to: number;
  /** Shown at the top of the flow's explanation: what was claimed and what was observed. */
  text: string;
  agrees: boolean;
}

export interface MatrixPage {
  title: string;
  /** Lines under the title: the inputs, the target. */
  meta: string[];
  view: MatrixView;
  /** Graphviz's SVG of the graph. */
  svg: string;
  explanations?: ExplanationTable;
  claims?: PageClaim[];
}

const GLYPH: Record<number, string> = { [CELL.allowed]: '✓', [CELL.denied]: '✗', [CELL.unknown]: '?' };

/** JSON inside <script>: `<` escaped so no string can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

function gridHtml(view: MatrixView, p: number, claims: ReadonlyMap<string, PageClaim>): string {
  const ids = view.endpoints.map((e) => escapeHtml(e.id));
  const rows = view.endpoints.map((_, i) => {
    const cells = view.endpoints.map((__, j) => {
      const code = cellAt(view, p, i, j);
      if (code === CELL.notJudged) return '<td class="self"></td>';
      const varies = variesAt(view, p, i, j);
      const key = flowKeyOf(p, i, j);
      const claim = claims.get(key);
      const classes = [cellName(code), ...(varies ? ['varies'] : []), ...(claim ? [claim.agrees ? 'claim' : 'claim-fail'] : [])];
      // No title attribute: the explanation panel names the flow, and a 50-workload page stays small.
      return `<td class="${classes.join(' ')}" data-k="${key}">${GLYPH[code] ?? ''}${varies ? '*' : ''}</td>`;
    });
    return `<tr><th class="from" scope="row">${ids[i] ?? ''}</th>${cells.join('')}</tr>`;
  });
  const head = `<tr><th>from \\ to</th>${ids.map((id) => `<th class="to" scope="col">${id}</th>`).join('')}</tr>`;
  return `<table class="grid" data-port="${escapeHtml(formatPort(view.ports[p] ?? { port: 0, protocol: 'TCP' }))}"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

export function matrixHtml(page: MatrixPage): string {
  const claims = new Map((page.claims ?? []).map((c) => [flowKeyOf(c.port, c.from, c.to), c]));
  const legend = [
    '<span class="allowed">✓ allowed</span>',
    '<span class="denied">✗ denied</span>',
    ...(page.view.varies ? [`<span class="varies">* implementation-defined</span> (the verdict shown is this run's; it depends on ${escapeHtml(page.view.variesBecause ?? 'the implementation')})`] : []),
    ...(page.view.cells.some((t) => t.includes(CELL.unknown)) ? ['<span class="unknown">? unknown</span>'] : []),
    ...(claims.size > 0 ? ['<span style="outline:2px solid #0969da">claimed</span>', '<span style="outline:3px solid #cf222e">claim that failed</span>'] : []),
  ];
  const data = {
    endpoints: page.view.endpoints.map((e) => e.id),
    ports: page.view.ports.map((p) => formatPort(p)),
    explanations: page.explanations ?? null,
    claims: Object.fromEntries([...claims].map(([k, c]) => [k, c.text])),
  };
  const parts = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title><style>${MATRIX_STYLE}</style></head><body><main>`,
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...page.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
    `<p class="legend">${legend.join(' ')}</p>`,
    '<p class="meta">Rows are sources, columns destinations. Point at a cell for the engine’s explanation of that flow; click to keep it.</p>',
    ...page.view.ports.map((port, p) => `<section class="port"><h2>${escapeHtml(formatPort(port))}</h2>${gridHtml(page.view, p, claims)}</section>`),
    '<h2>Graph</h2>',
    '<p class="meta">Allowed connections, grouped by namespace; an edge to or from a namespace’s border stands for every pod in it, and one from “every endpoint” for every pod and external host here. Dashed: implementation-defined. Click an edge for what it stands for.</p>',
    `<div class="graph">${page.svg}</div>`,
    '</main><aside><h2>Explanation</h2><pre id="explanation" class="hint">Point at a cell of a grid.</pre></aside>',
    `<script type="application/json" id="matrix-data">${scriptJson(data)}</script>`,
    `<script>${MATRIX_SCRIPT}</script>`,
    '</body></html>',
  ];
  return `${parts.join('\n')}\n`;
}
