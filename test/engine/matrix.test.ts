// allFlows and engine.matrix: every ordered pair of distinct endpoints on every port, never external
// to external; the matrix layout (`allowed[p][from * n + to]`).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { allFlows } from '../../src/engine/index.js';
import { buildTopology } from '../../src/model/build-topology.js';
import type { PortSpec } from '../../src/model/topology.js';
import { BASE, engineFor, EXTERNALS, netpol } from './cases.js';

const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
];

describe('allFlows', () => {
  const topology = buildTopology(BASE, EXTERNALS.slice(0, 2));
  const flows = allFlows(topology, PORTS);

  it('has every ordered pair of distinct endpoints except external to external, per port', () => {
    // 9 pods + 2 externals: 11 * 10 ordered pairs, minus the 2 external pairs.
    expect(flows).to.have.length(2 * (11 * 10 - 2));
    const keys = new Set(flows.map((f) => `${f.from}>${f.to}:${f.port}/${f.protocol}`));
    expect(keys.size).to.equal(flows.length);
  });

  it('never pairs an endpoint with itself, nor two external hosts', () => {
    expect(flows.filter((f) => f.from === f.to)).to.deep.equal([]);
    expect(flows.filter((f) => ['backup', 'laptop'].includes(f.from) && ['backup', 'laptop'].includes(f.to))).to.deep.equal([]);
  });

  it('includes pod to external and external to pod, pods named ns/name and externals by name', () => {
    expect(flows).to.deep.include({ from: 'x/a', to: 'backup', port: 53, protocol: 'UDP' });
    expect(flows).to.deep.include({ from: 'laptop', to: 'z/c', port: 80, protocol: 'TCP' });
  });

  it('lists ports in the order given, sources in topology order (pods first)', () => {
    expect(flows[0]).to.deep.equal({ from: 'x/a', to: 'x/b', port: 80, protocol: 'TCP' });
    expect(flows.at(-1)).to.deep.equal({ from: 'laptop', to: 'z/c', port: 53, protocol: 'UDP' });
  });

  it('is empty without ports, and without a second endpoint', () => {
    expect(allFlows(topology, [])).to.deep.equal([]);
    expect(allFlows(buildTopology(BASE.slice(0, 4)), PORTS)).to.deep.equal([]);
  });
});

describe('engine.matrix', () => {
  const engine = engineFor([...BASE, netpol('x', 'p', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.5.10/32' } }], ports: [{ port: 80 }] }] })], EXTERNALS.slice(0, 2));
  const matrix = engine.matrix(PORTS);
  const n = matrix.endpoints.length;
  const cell = (p: number, from: string, to: string) => matrix.allowed[p]?.[matrix.endpoints.indexOf(from) * n + matrix.endpoints.indexOf(to)];

  it('lists endpoints pods first, then externals, and marks externals', () => {
    expect(matrix.endpoints).to.deep.equal(['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c', 'backup', 'laptop']);
    expect(matrix.external).to.deep.equal([false, false, false, false, false, false, false, false, false, true, true]);
    expect(matrix.ports).to.deep.equal(PORTS);
    expect(matrix.allowed).to.have.length(2);
    for (const table of matrix.allowed) expect(table).to.have.length(n * n);
  });

  it('one table per port, indexed from * n + to', () => {
    expect(cell(0, 'backup', 'x/a')).to.equal(1);
    expect(cell(1, 'backup', 'x/a')).to.equal(0); // port 80 TCP only
    expect(cell(0, 'laptop', 'x/a')).to.equal(0);
    expect(cell(0, 'x/b', 'x/a')).to.equal(0);
    expect(cell(0, 'x/a', 'x/b')).to.equal(1);
    expect(cell(1, 'y/c', 'laptop')).to.equal(1);
  });

  it('agrees with isAllowed on every flow of allFlows', () => {
    for (const flow of allFlows(engine.state.topology, PORTS)) {
      const p = PORTS.findIndex((q) => q.port === flow.port && q.protocol === flow.protocol);
      expect(cell(p, flow.from, flow.to), `${flow.from} -> ${flow.to}`).to.equal(engine.isAllowed(flow) ? 1 : 0);
    }
  });

  it('leaves self and external-to-external cells at 0 (not judged)', () => {
    expect(cell(0, 'x/a', 'x/a')).to.equal(0);
    expect(cell(0, 'backup', 'laptop')).to.equal(0);
  });

  it('with no ports: no tables', () => {
    expect(engine.matrix([]).allowed).to.deep.equal([]);
  });
});
