// The style and the one script of the matrix page. The script reads the page's embedded JSON
// (explanations, claims) and shows a flow's explanation on hover, pinned by a click; a click on an
// edge of the graph shows what the edge stands for. No library, nothing fetched.

export const MATRIX_STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff;display:flex;min-height:100vh}
main{flex:1;padding:1.5em 2em;min-width:0}
aside{width:34em;max-width:45vw;border-left:1px solid #d0d7de;background:#f6f8fa;padding:1em;position:sticky;top:0;height:100vh;box-sizing:border-box;overflow:auto}
aside pre{white-space:pre-wrap;font-size:12px;margin:0}
aside .hint{color:#57606a}
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em}
.meta{color:#57606a;margin:.1em 0}
.legend span{display:inline-block;padding:0 .5em;margin-right:.6em;border:1px solid #d0d7de;border-radius:3px}
table.grid{border-collapse:collapse;font-size:12px}
table.grid th{font-weight:500;background:#f6f8fa;border:1px solid #d0d7de;padding:2px 4px;white-space:nowrap}
table.grid thead th.to{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;max-height:14em}
table.grid td{border:1px solid #d0d7de;width:1.7em;height:1.7em;text-align:center;cursor:pointer;padding:0}
td.allowed{background:#aceebb}td.denied{background:#ffcecb}td.unknown{background:#d0d7de}td.varies{background:#ffe58f}
td.self{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#eaeef2 3px,#eaeef2 6px);cursor:default}
td.claim{outline:2px solid #0969da;outline-offset:-3px}td.claim-fail{outline:3px solid #cf222e;outline-offset:-3px}
td.pinned{box-shadow:inset 0 0 0 2px #1b1f24}
.graph svg{max-width:100%;height:auto}
.graph g.edge{cursor:pointer}
`;

export const MATRIX_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('matrix-data').textContent);
  var panel = document.getElementById('explanation');
  var pinned = null;
  function text(key) {
    var ids = data.explanations && data.explanations.flows[key];
    var claim = data.claims && data.claims[key];
    var parts = key.split(',');
    var flow = data.endpoints[+parts[1]] + ' -> ' + data.endpoints[+parts[2]] + ' on ' + data.ports[+parts[0]];
    var head = claim ? claim + '\\n\\n' : '';
    if (!ids) return head + flow + '\\n' + (data.explanations ? 'Not judged.' : 'This page carries no explanations (too many flows); run netpol-conformance explain for one flow.');
    var lines = ids.slice(1).map(function (i) { return data.explanations.lines[i]; });
    return head + flow + ': ' + (ids[0] ? 'ALLOWED' : 'DENIED') + '\\n' + lines.join('\\n');
  }
  function show(content) { panel.textContent = content; }
  document.querySelectorAll('td[data-k]').forEach(function (cell) {
    cell.addEventListener('mouseenter', function () { if (!pinned) show(text(cell.dataset.k)); });
    cell.addEventListener('click', function () {
      if (pinned) pinned.classList.remove('pinned');
      if (pinned === cell) { pinned = null; return; }
      pinned = cell;
      cell.classList.add('pinned');
      show(text(cell.dataset.k));
    });
  });
  document.querySelectorAll('.graph g.edge').forEach(function (edge) {
    edge.addEventListener('click', function () {
      var title = edge.querySelector('title');
      var link = edge.querySelector('a');
      show((link && link.getAttribute('xlink:title')) || (title && title.textContent) || '');
    });
  });
})();
`;
