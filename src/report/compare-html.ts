// reports/compare.html: one self-contained page (inline CSS, no scripts, no external assets),
// readable at a glance: divergences from sim on top, then scenario x target with pass / fail /
// skipped (with the reason), each failure's difference tables one click away, and the page of the
// failing scenario's state beside it.
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { firstMessageLine, type CompareCell, type Comparison } from './compare-model.js';

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1f24;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .6em;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.num{text-align:right}
.pass{background:#dafbe1}.fail{background:#ffebe9}.skip{background:#f6f8fa;color:#57606a}.other{background:#fff8c5}.none{color:#8c959f}
tr.divergent>td:first-child{border-left:4px solid #cf222e}
.where{color:#57606a;font-size:.85em}
pre{white-space:pre;overflow-x:auto;background:#f6f8fa;padding:.6em;max-width:70em;font-size:12px}
summary{cursor:pointer;font-weight:600}
.headline{border:2px solid #cf222e;padding:.6em 1em;border-radius:6px}.calm{border:2px solid #1a7f37;padding:.6em 1em;border-radius:6px}
`;

/** A link to a failed scenario's state page, relative to the report's folder so the folder can move. */
function stateLink(cell: CompareCell, dir: string | undefined): string {
  if (cell.statePage === undefined) return '';
  const href = dir === undefined ? pathToFileURL(cell.statePage).href : relative(dir, cell.statePage).split(sep).map(encodeURIComponent).join('/');
  return ` <a class="state" href="${escapeHtml(href)}">state</a>`;
}

function cellHtml(cell: CompareCell | undefined, dir?: string): string {
  if (!cell) return '<td class="none">not run</td>';
  switch (cell.status) {
    case 'passed':
      return '<td class="pass">pass</td>';
    case 'skipped':
      return `<td class="skip">skipped${cell.skipReason ? `<br><span class="where">${escapeHtml(cell.skipReason)}</span>` : ''}</td>`;
    default: {
      const cls = cell.status === 'failed' ? 'fail' : 'other';
      const label = cell.status === 'failed' ? 'FAIL' : cell.status;
      if (!cell.message) return `<td class="${cls}">${label}${stateLink(cell, dir)}</td>`;
      return `<td class="${cls}"><details><summary>${label}</summary><pre>${escapeHtml(cell.message)}</pre></details>${stateLink(cell, dir)}</td>`;
    }
  }
}

/** `dir`: the folder the page is written to (links to state pages are made relative to it). */
export function compareHtml(c: Comparison, dir?: string): string {
  const baseline = c.baseline !== undefined ? c.targets[c.baseline] : undefined;
  const divergentKeys = new Set(c.divergences.map((d) => d.row.key));
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>NetworkPolicy conformance: ${escapeHtml(c.targets.join(' vs '))}</title><style>${STYLE}</style></head><body>`,
    '<h1>NetworkPolicy conformance: target comparison</h1>',
    `<p>Targets: ${c.targets.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ')}</p>`,
  ];
  if (baseline === undefined) {
    parts.push('<div class="calm"><p>sim was not among the targets: there is no spec baseline, so no divergences are computed.</p></div>');
  } else if (c.divergences.length === 0) {
    parts.push(`<div class="calm"><h2>No divergences from ${escapeHtml(baseline)}</h2><p>Every scenario that ran on both has the same outcome as on ${escapeHtml(baseline)}.</p></div>`);
  } else {
    parts.push(`<div class="headline"><h2>${c.divergences.length} divergence${c.divergences.length === 1 ? '' : 's'} from ${escapeHtml(baseline)}</h2><table><tr><th>Scenario</th><th>Target</th><th>${escapeHtml(baseline)}</th><th>Target</th><th>What happened</th></tr>`);
    for (const d of c.divergences) {
      const cell = d.row.cells[c.targets.indexOf(d.target)];
      const what = d.kind === 'fails-on-target' ? firstMessageLine(cell?.message) : `passes here but not on ${baseline}: check the claim`;
      parts.push(`<tr><td>${escapeHtml(d.row.name)}<br><span class="where">${escapeHtml(`${d.row.uri}:${d.row.line}`)}</span></td><td><code>${escapeHtml(d.target)}</code></td><td>${escapeHtml(d.baseline)}</td><td>${escapeHtml(d.status)}</td><td>${escapeHtml(what)}${cell ? stateLink(cell, dir) : ''}</td></tr>`);
    }
    parts.push('</table></div>');
  }
  if (c.conformanceReports && c.conformanceReports.length > 0) {
    parts.push('<h2>Conformance reports</h2><p>The ported Network Policy API conformance suite, per target, in the format that project publishes:</p><ul>');
    for (const r of c.conformanceReports) parts.push(`<li><code>${escapeHtml(r.target)}</code>: <a href="${escapeHtml(r.file)}">${escapeHtml(r.file)}</a></li>`);
    parts.push('</ul>');
  }
  parts.push('<h2>Totals</h2><table><tr><th>Target</th><th>Passed</th><th>Failed</th><th>Skipped</th><th>Other</th></tr>');
  for (const t of c.totals) parts.push(`<tr><td><code>${escapeHtml(t.target)}</code></td><td class="num">${t.passed}</td><td class="num">${t.failed}</td><td class="num">${t.skipped}</td><td class="num">${t.other}</td></tr>`);
  parts.push('</table><h2>Scenarios</h2>', `<table><tr><th>Scenario</th>${c.targets.map((t) => `<th><code>${escapeHtml(t)}</code></th>`).join('')}</tr>`);
  for (const row of c.rows) {
    const cls = divergentKeys.has(row.key) ? ' class="divergent"' : '';
    parts.push(`<tr${cls}><td>${escapeHtml(row.name)}<br><span class="where">${escapeHtml(`${row.uri}:${row.line}`)}${row.tags.length ? ` ${escapeHtml(row.tags.join(' '))}` : ''}</span></td>${row.cells.map((cell) => cellHtml(cell, dir)).join('')}</tr>`);
  }
  parts.push('</table></body></html>');
  return `${parts.join('\n')}\n`;
}
