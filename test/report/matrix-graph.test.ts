// The merged graph says only true things and leaves nothing out: every pair an edge stands for has
// exactly the edge's ports, and every pair that connects is drawn by some edge. Checked on the
// lesson's state and on random states of the property test; plus what merging buys.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { buildMatrixGraph, type GraphEnd, type MatrixGraph } from '../../src/report/matrix-graph.js';
import { CELL, cellAt, judgedPair, specView, variesAt, type MatrixView } from '../../src/report/matrix-view.js';
import { formatPort } from '../../src/model/notation.js';
import { buildTopology } from '../../src/model/build-topology.js';
import { netpol, ns, pod } from '../engine/cases.js';
import { differentialShape } from '../../src/generate/fuzz.js';
import { randomCluster, type ClusterShape } from '../../src/generate/random-cluster.js';

/** What connects a pair, computed independently of the graph module. */
function connection(view: MatrixView, from: number, to: number): string {
  return view.ports
    .flatMap((port, p) => {
      const code = cellAt(view, p, from, to);
      if (variesAt(view, p, from, to)) return [`${formatPort(port)}*`];
      if (code === CELL.allowed) return [formatPort(port)];
      return code === CELL.unknown ? [`${formatPort(port)}?`] : [];
    })
    .join(', ');
}

function members(graph: MatrixGraph, view: MatrixView, end: GraphEnd): number[] {
  if ('endpoint' in end) return [end.endpoint];
  if ('group' in end) return graph.groups[end.group]?.members ?? [];
  return view.endpoints.map((_, i) => i).filter((i) => !end.except.includes(i));
}

function checkGraph(view: MatrixView, graph: MatrixGraph): void {
  const n = view.endpoints.length;
  const drawn = new Set<number>();
  const claim = (from: number, to: number, label: string, what: string): void => {
    expect(connection(view, from, to), `${what}: ${view.endpoints[from]?.id} -> ${view.endpoints[to]?.id}`).to.equal(label);
    drawn.add(from * n + to);
  };
  for (const edge of graph.edges) {
    let pairs = 0;
    for (const from of members(graph, view, edge.from)) {
      for (const to of members(graph, view, edge.to)) {
        if (!judgedPair(view.endpoints, from, to)) continue;
        claim(from, to, edge.label, `edge ${JSON.stringify(edge)}`);
        pairs++;
      }
    }
    expect(pairs).to.equal(edge.pairs);
  }
  for (const group of graph.groups) {
    if (group.internal === undefined) continue;
    for (const from of group.members) for (const to of group.members) if (judgedPair(view.endpoints, from, to)) claim(from, to, group.internal, `inside ${group.name}`);
  }
  for (let from = 0; from < n; from++) {
    for (let to = 0; to < n; to++) {
      if (!judgedPair(view.endpoints, from, to)) continue;
      if (graph.everything !== undefined) expect(connection(view, from, to)).to.equal(graph.everything);
      else if (connection(view, from, to) !== '') expect(drawn.has(from * n + to), `${view.endpoints[from]?.id} -> ${view.endpoints[to]?.id} is drawn`).to.equal(true);
    }
  }
}

const HTTP = [{ port: 80, protocol: 'TCP' as const }];

describe('matrix graph', () => {
  it('without policies: one statement, no edges', () => {
    const topology = buildTopology([ns('a'), pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }), pod('a', 'z', { app: 'z' })]);
    const graph = buildMatrixGraph(specView(topology, [], HTTP));
    expect(graph.everything).to.equal('80/TCP');
    expect(graph.edges).to.deep.equal([]);
  });

  it('a pod isolated for egress is an exception of "every endpoint", not a broken edge per destination', () => {
    const objects = [ns('a'), ...['db', 'api', 'web', 'cache'].map((name) => pod('a', name, { app: name }))];
    const egressOnly = netpol('a', 'db-egress', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Egress'] });
    const view = specView(buildTopology(objects), [egressOnly], HTTP);
    const graph = buildMatrixGraph(view);
    checkGraph(view, graph);
    const db = view.endpoints.findIndex((e) => e.id === 'a/db');
    expect(graph.edges.every((e) => 'every' in e.from && e.from.except.includes(db))).to.equal(true);
    expect(graph.edges).to.have.length(1); // every endpoint but a/db -> namespace a
  });

  it('namespaces that reach each other alike are one edge between them', () => {
    const objects = [ns('a'), ns('b'), pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }), pod('b', 'u', { app: 'u' }), pod('b', 'v', { app: 'v' })];
    // b accepts only from a; a accepts only from inside a
    const onlyFromA = netpol('b', 'from-a', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }] }] });
    const onlyInside = netpol('a', 'inside', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
    const view = specView(buildTopology(objects), [onlyFromA, onlyInside], HTTP);
    const graph = buildMatrixGraph(view);
    checkGraph(view, graph);
    expect(graph.edges).to.have.length(1);
    expect(graph.edges[0]).to.include({ label: '80/TCP', pairs: 4 });
    expect(graph.groups.find((g) => g.name === 'a')?.internal).to.equal('80/TCP');
  });

  it('tells the truth and draws every connection on 200 random states', () => {
    const shape: ClusterShape = { ...differentialShape(), policies: [1, 4], hostNetworkShare: 0.1, ipv6Share: 0.1 };
    for (let seed = 1; seed <= 200; seed++) {
      const state = randomCluster(seed, shape);
      const view = specView(state.topology, state.policies, shape.ports, { ipBlockMatchesPodIps: seed % 2 === 0 });
      checkGraph(view, buildMatrixGraph(view));
    }
  });
});
