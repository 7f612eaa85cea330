// The matrix graph in Graphviz's DOT language: a cluster per namespace, external hosts as dashed
// boxes, edges labelled with ports. Edges that stand for a whole namespace end at its border
// (compound edges: `lhead` / `ltail`).
import { buildMatrixGraph, type GraphEnd, type MatrixGraph } from './matrix-graph.js';
import type { MatrixView } from './matrix-view.js';

/** A DOT double-quoted string. */
export function dotString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

const COLOURS = { allowed: '#1a7f37', varies: '#bf8700' } as const;

function nodeLine(view: MatrixView, i: number): string {
  const e = view.endpoints[i];
  if (!e) return '';
  const attrs: Record<string, string> = { id: `node-${i}`, tooltip: e.id };
  if (e.external) {
    Object.assign(attrs, { label: `${e.name}\n${e.ip}\n(external)`, shape: 'box', style: 'dashed,filled', fillcolor: '#fff8c5' });
  } else if (e.hostNetwork) {
    Object.assign(attrs, { label: `${e.name}\n(host network: ${e.ip})`, shape: 'hexagon', style: 'filled', fillcolor: '#eaeef2' });
  } else {
    Object.assign(attrs, { label: e.name, shape: 'box', style: 'rounded,filled', fillcolor: '#ffffff' });
  }
  return `    n${i} [${Object.entries(attrs).map(([k, v]) => `${k}=${dotString(v)}`).join(', ')}];`;
}

/** One node per distinct list of exceptions: `every`, `every_3_7`. */
function everyNode(except: readonly number[]): string {
  return ['every', ...except].join('_');
}

function endNode(graph: MatrixGraph, end: GraphEnd): { node: string; cluster?: string } {
  if ('every' in end) return { node: everyNode(end.except) };
  if ('endpoint' in end) return { node: `n${end.endpoint}` };
  const group = graph.groups[end.group];
  const first = group?.members[0] ?? 0;
  return group && !group.external ? { node: `n${first}`, cluster: `cluster_${end.group}` } : { node: `n${first}` };
}

function everyLabel(view: MatrixView, except: readonly number[]): string {
  return except.length === 0 ? 'every endpoint' : `every endpoint\nexcept ${except.map((i) => view.endpoints[i]?.id ?? '').join(', ')}`;
}

function describeEnd(view: MatrixView, graph: MatrixGraph, end: GraphEnd): string {
  if ('every' in end) return everyLabel(view, end.except).replace('\n', ' ');
  if ('endpoint' in end) return view.endpoints[end.endpoint]?.id ?? '';
  const group = graph.groups[end.group];
  return group?.external ? group.name : `every pod in ${group?.name ?? ''}`;
}

export function formatMatrixDot(view: MatrixView, graph: MatrixGraph = buildMatrixGraph(view)): string {
  const lines = [
    'digraph reachability {',
    '  graph [compound=true, rankdir=LR, fontname="Helvetica", nodesep=0.3, ranksep=1.1, newrank=true];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
  ];
  if (graph.everything !== undefined) lines.push(`  label=${dotString(`every endpoint reaches every other: ${graph.everything}`)}; labelloc="t";`);
  const everyEnds = new Map(graph.edges.flatMap((e) => [e.from, e.to]).flatMap((end) => ('every' in end ? [[everyNode(end.except), end.except] as const] : [])));
  for (const [node, except] of everyEnds) {
    const attrs = { id: `node-${node}`, label: everyLabel(view, except), tooltip: 'every pod and external host of this matrix', shape: 'ellipse', style: 'filled', fillcolor: '#ddf4ff' };
    lines.push(`  ${node} [${Object.entries(attrs).map(([k, v]) => `${k}=${dotString(v)}`).join(', ')}];`);
  }
  graph.groups.forEach((group, g) => {
    if (group.external) {
      for (const i of group.members) lines.push(nodeLine(view, i).slice(2));
      return;
    }
    const label = group.internal === undefined ? `namespace ${group.name}` : `namespace ${group.name}\n(all pods reach each other: ${group.internal})`;
    lines.push(`  subgraph cluster_${g} {`, `    id=${dotString(`group-${g}`)}; label=${dotString(label)}; style="rounded,filled"; fillcolor="#f6f8fa"; color="#8c959f";`);
    for (const i of group.members) lines.push(nodeLine(view, i));
    lines.push('  }');
  });
  graph.edges.forEach((edge, k) => {
    const from = endNode(graph, edge.from);
    const to = endNode(graph, edge.to);
    const attrs: Record<string, string> = {
      id: `edge-${k}`,
      label: edge.label,
      color: COLOURS[edge.style],
      fontcolor: COLOURS[edge.style],
      tooltip: `${describeEnd(view, graph, edge.from)} -> ${describeEnd(view, graph, edge.to)}: ${edge.label}`,
      ...(edge.style === 'varies' ? { style: 'dashed' } : {}),
      ...(from.cluster ? { ltail: from.cluster } : {}),
      ...(to.cluster ? { lhead: to.cluster } : {}),
      ...(edge.pairs > 1 ? { penwidth: '2' } : {}),
    };
    lines.push(`  ${from.node} -> ${to.node} [${Object.entries(attrs).map(([key, v]) => `${key}=${dotString(v)}`).join(', ')}];`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
