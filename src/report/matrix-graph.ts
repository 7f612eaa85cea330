// The matrix as a graph a person can read: endpoints grouped by namespace, one edge per pair that
// can connect, labelled with its ports, and equivalent edges merged, widest first. A destination
// every endpoint reaches alike (no ingress isolation, typically) gets one edge from "every
// endpoint" (a whole namespace of them, one edge to the namespace); a source that reaches every
// endpoint alike, one edge to it. A few endpoints that break that pattern everywhere (a pod
// isolated for egress among open destinations) are named as exceptions of "every endpoint"
// rather than breaking every such edge. Then, where every pod of a
// namespace reaches every pod of another alike, one edge joins the two namespaces; where one pod
// reaches a whole namespace (or a whole namespace one pod) alike, one edge joins the pod and the
// namespace. An edge is drawn only when it stands for at least two pairs not drawn yet, and what
// an edge says holds for every pair it stands for. So a namespace without policies is a few
// edges, not n squared.
import { formatPort } from '../model/notation.js';
import { CELL, cellAt, judgedPair, variesAt, type MatrixView } from './matrix-view.js';

/**
 * An end of an edge: one endpoint (by index), every endpoint of a group (a namespace, or one
 * external host), or every endpoint but the listed exceptions.
 */
export type GraphEnd = { endpoint: number } | { group: number } | { every: true; except: number[] };

/** At most this many exceptions to "every endpoint", so its label stays short. */
const MAX_EXCEPTIONS = 5;

export interface GraphEdge {
  from: GraphEnd;
  to: GraphEnd;
  /** `80/TCP, 443/TCP`; implementation-defined ports end in `*`, unknown ones in `?`. */
  label: string;
  /** `allowed`: some port is allowed whatever the implementation; `varies`: only implementation-defined or unknown ones. */
  style: 'allowed' | 'varies';
  /** How many ordered pairs of endpoints this edge stands for. */
  pairs: number;
}

export interface GraphGroup {
  /** The namespace, or the external host's name. */
  name: string;
  external: boolean;
  members: number[];
  /** Set when every member reaches every other member alike: the label of those connections. */
  internal?: string;
}

export interface MatrixGraph {
  groups: GraphGroup[];
  edges: GraphEdge[];
  /** Set when every judged pair connects alike: the label, and there are no edges. */
  everything?: string;
}

/** What connects one ordered pair, over every port: '' when nothing does. */
function pairSignature(view: MatrixView, from: number, to: number): string {
  const parts: string[] = [];
  view.ports.forEach((port, p) => {
    const code = cellAt(view, p, from, to);
    const varies = variesAt(view, p, from, to);
    if (code === CELL.allowed && !varies) parts.push(formatPort(port));
    else if (varies) parts.push(`${formatPort(port)}*`);
    else if (code === CELL.unknown) parts.push(`${formatPort(port)}?`);
  });
  return parts.join(', ');
}

function styleOf(signature: string): GraphEdge['style'] {
  return signature.split(', ').some((p) => !p.endsWith('*') && !p.endsWith('?')) ? 'allowed' : 'varies';
}

/** Pods by namespace (in order of first appearance), then each external host alone. */
function groupsOf(view: MatrixView): GraphGroup[] {
  const byNamespace = new Map<string, GraphGroup>();
  const externals: GraphGroup[] = [];
  view.endpoints.forEach((e, i) => {
    if (e.external || e.namespace === undefined) {
      externals.push({ name: e.name, external: true, members: [i] });
      return;
    }
    const group = byNamespace.get(e.namespace) ?? { name: e.namespace, external: false, members: [] };
    group.members.push(i);
    byNamespace.set(e.namespace, group);
  });
  return [...byNamespace.values(), ...externals];
}

type Pair = [number, number];

/** Edges are added widest first; `tryAdd` draws one only when it stands for two or more pairs not drawn yet. */
class GraphBuilder {
  readonly edges: GraphEdge[] = [];
  private readonly covered: Uint8Array;
  private readonly signatures = new Map<number, string>();

  constructor(
    private readonly view: MatrixView,
    private readonly groups: readonly GraphGroup[],
    private readonly n = view.endpoints.length,
  ) {
    this.covered = new Uint8Array(this.n * this.n);
  }

  judged(from: number, to: number): boolean {
    return judgedPair(this.view.endpoints, from, to);
  }

  signature(from: number, to: number): string {
    const key = from * this.n + to;
    let s = this.signatures.get(key);
    if (s === undefined) this.signatures.set(key, (s = pairSignature(this.view, from, to)));
    return s;
  }

  /** The one signature of every listed pair; undefined when they differ, or nothing connects. */
  shared(pairs: readonly Pair[]): string | undefined {
    let common: string | undefined;
    for (const [from, to] of pairs) {
      const s = this.signature(from, to);
      if (s === '' || (common !== undefined && s !== common)) return undefined;
      common = s;
    }
    return common;
  }

  uncovered(pairs: readonly Pair[]): number {
    return pairs.filter(([a, b]) => this.covered[a * this.n + b] === 0).length;
  }

  cover(pairs: readonly Pair[]): void {
    for (const [a, b] of pairs) this.covered[a * this.n + b] = 1;
  }

  /** Draws `from -> to` for `pairs` when they share one signature and two or more are not drawn yet. */
  tryAdd(from: GraphEnd, to: GraphEnd, pairs: readonly Pair[]): string | undefined {
    if (this.uncovered(pairs) < 2) return undefined;
    const [tail, head] = [this.named(from), this.named(to)];
    // A node cannot be joined to the border of its own namespace apart from it.
    if (('group' in tail && 'endpoint' in head && this.groups[tail.group]?.members.includes(head.endpoint)) || ('group' in head && 'endpoint' in tail && this.groups[head.group]?.members.includes(tail.endpoint))) return undefined;
    const label = this.shared(pairs);
    if (label === undefined) return undefined;
    const inside = 'group' in tail && 'group' in head && tail.group === head.group ? this.groups[tail.group] : undefined;
    if (inside) {
      inside.internal = label;
      this.cover(pairs);
      return label;
    }
    this.edges.push({ from: tail, to: head, label, style: styleOf(label), pairs: pairs.length });
    this.cover(pairs);
    return label;
  }

  /** "Every endpoint but these" that is exactly one namespace is drawn as that namespace. */
  private named(end: GraphEnd): GraphEnd {
    if (!('every' in end) || end.except.length === 0) return end;
    const rest = this.n - end.except.length;
    const group = this.groups.findIndex((g) => g.members.length === rest && g.members.every((m) => !end.except.includes(m)));
    return group >= 0 ? { group } : end;
  }

  /** Every pair not drawn yet that connects, one edge each. */
  addSingles(): void {
    for (let from = 0; from < this.n; from++) {
      for (let to = 0; to < this.n; to++) {
        if (!this.judged(from, to) || this.covered[from * this.n + to] === 1) continue;
        const label = this.signature(from, to);
        if (label !== '') this.edges.push({ from: { endpoint: from }, to: { endpoint: to }, label, style: styleOf(label), pairs: 1 });
      }
    }
  }
}

/**
 * The endpoints that differ from the most common connection of some line (of a column: the
 * sources that do not get what most sources get), when that is a connection and they are few.
 * `lineOf(k)` lists line k's judged pairs as [the other end, signature].
 */
function outliers(lines: readonly number[], lineOf: (line: number) => [number, string][]): number[] {
  const found = new Set<number>();
  for (const line of lines) {
    const cells = lineOf(line);
    const counts = new Map<string, number>();
    for (const [, s] of cells) counts.set(s, (counts.get(s) ?? 0) + 1);
    const [mode, count] = [...counts].sort((x, y) => y[1] - x[1])[0] ?? ['', 0];
    if (mode === '' || count < 2) continue;
    for (const [other, s] of cells) if (s !== mode) found.add(other);
    if (found.size > MAX_EXCEPTIONS) return [];
  }
  return [...found].sort((a, b) => a - b);
}

export function buildMatrixGraph(view: MatrixView): MatrixGraph {
  const n = view.endpoints.length;
  const groups = groupsOf(view);
  const b = new GraphBuilder(view, groups);
  const indexes = [...Array(n).keys()];
  const pairs = (sources: readonly number[], destinations: readonly number[]): Pair[] =>
    sources.flatMap((x) => destinations.filter((y) => b.judged(x, y)).map((y): Pair => [x, y]));
  const all = pairs(indexes, indexes);
  const everything = all.length > 1 ? b.shared(all) : undefined;
  if (everything !== undefined) return { groups, edges: [], everything };
  const sources = outliers(indexes, (d) => indexes.filter((x) => b.judged(x, d)).map((x): [number, string] => [x, b.signature(x, d)]));
  const others = indexes.filter((x) => !sources.includes(x));
  const every = (except: number[]): GraphEnd => ({ every: true, except });
  groups.forEach((g, gi) => {
    if (g.members.length > 1) b.tryAdd(every(sources), { group: gi }, pairs(others, g.members));
  });
  for (const to of indexes) b.tryAdd(every(sources), { endpoint: to }, pairs(others, [to]));
  const destinations = outliers(indexes, (x) => indexes.filter((y) => b.judged(x, y)).map((y): [number, string] => [y, b.signature(x, y)]));
  const targets = indexes.filter((y) => !destinations.includes(y));
  groups.forEach((g, gi) => {
    if (g.members.length > 1) b.tryAdd({ group: gi }, every(destinations), pairs(g.members, targets));
  });
  for (const from of indexes) b.tryAdd({ endpoint: from }, every(destinations), pairs([from], targets));
  groups.forEach((a, ai) => {
    groups.forEach((g, gi) => {
      b.tryAdd({ group: ai }, { group: gi }, pairs(a.members, g.members));
    });
  });
  groups.forEach((a, ai) => {
    groups.forEach((g, gi) => {
      // A member's edge to its own namespace could not be drawn apart from the namespace.
      if (ai === gi) return;
      if (g.members.length > 1) for (const x of a.members) b.tryAdd({ endpoint: x }, { group: gi }, pairs([x], g.members));
      if (a.members.length > 1) for (const y of g.members) b.tryAdd({ group: ai }, { endpoint: y }, pairs(a.members, [y]));
    });
  });
  b.addSingles();
  return { groups, edges: b.edges };
}
