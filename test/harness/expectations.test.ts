// Claims into flows: glyph truth tables, "all ... except" patterns, which pairs are judged and
// which destinations serve a port.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { GLYPH } from '../../src/model/truth-table.js';
import { judged, matchesPattern, patternExpectations, truthTableExpectations, type Expectation } from '../../src/harness/expectations.js';
import { servesPort as serves } from '../../src/model/topology.js';
import { InputError } from '../../src/model/errors.js';
import { buildTopology } from '../../src/model/build-topology.js';
import type { PortSpec } from '../../src/model/topology.js';
import { ns, pod } from '../engine/cases.js';

const TCP80: PortSpec = { port: 80, protocol: 'TCP' };
const topology = buildTopology(
  [ns('x'), ns('y'), pod('x', 'a', {}, [{ containerPort: 80 }]), pod('x', 'b', {}, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]), pod('y', 'a', {}, [{ containerPort: 81 }])],
  [
    { name: 'backup', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP' }] },
    { name: 'laptop', ip: '192.168.5.20', ports: [] },
  ],
);
const brief = (e: readonly Expectation[]) => e.map((x) => `${x.flow.from}>${x.flow.to}:${x.flow.port}/${x.flow.protocol}=${x.expected}`);

describe('GLYPH', () => {
  it('is . allowed, X denied, ? unknown, - not judged', () => {
    expect(GLYPH).to.deep.equal({ allowed: '.', denied: 'X', unknown: '?', notJudged: '-' });
  });
});

describe('judged / serves', () => {
  it('judges distinct pairs, never external to external', () => {
    expect(judged(topology, 'x/a', 'x/b')).to.equal(true);
    expect(judged(topology, 'x/a', 'x/a')).to.equal(false);
    expect(judged(topology, 'backup', 'x/a')).to.equal(true);
    expect(judged(topology, 'x/a', 'laptop')).to.equal(true);
    expect(judged(topology, 'backup', 'laptop')).to.equal(false);
  });

  it('knows which endpoint serves a port and protocol', () => {
    expect(serves(topology, 'x/b', { port: 53, protocol: 'UDP' })).to.equal(true);
    expect(serves(topology, 'x/b', { port: 53, protocol: 'TCP' })).to.equal(false);
    expect(serves(topology, 'backup', TCP80)).to.equal(true);
    expect(serves(topology, 'laptop', TCP80)).to.equal(false);
    expect(serves(topology, 'nobody', TCP80)).to.equal(false);
  });
});

describe('truthTableExpectations', () => {
  it('reads rows as sources and columns as destinations, skipping self and - cells', () => {
    const rows = [
      ['from\\to', 'x/a', 'x/b', 'backup'],
      ['x/a', '-', 'X', '.'],
      ['backup', '.', 'x', '-'],
    ];
    expect(brief(truthTableExpectations(rows, TCP80, topology))).to.deep.equal([
      'x/a>x/b:80/TCP=denied',
      'x/a>backup:80/TCP=allowed',
      'backup>x/a:80/TCP=allowed',
      'backup>x/b:80/TCP=denied',
    ]);
  });

  it('ignores any glyph in cells never judged (self, external to external)', () => {
    const rows = [
      ['', 'x/a', 'laptop'],
      ['x/a', '.', 'X'],
      ['backup', 'X', '.'],
    ];
    expect(brief(truthTableExpectations(rows, TCP80, topology))).to.deep.equal(['x/a>laptop:80/TCP=denied', 'backup>x/a:80/TCP=denied']);
  });

  it('trims cells', () => {
    expect(brief(truthTableExpectations([[' ', ' x/b '], [' x/a ', ' . ']], TCP80, topology))).to.deep.equal(['x/a>x/b:80/TCP=allowed']);
  });

  it('rejects an unknown glyph, naming the cell', () => {
    expect(() => truthTableExpectations([['', 'x/b'], ['x/a', 'O']], TCP80, topology)).to.throw(InputError, 'truth table x/a -> x/b: "O" is not a glyph');
  });

  it('rejects unknown endpoints in the header or a row, listing the known ones', () => {
    expect(() => truthTableExpectations([['', 'x/zz'], ['x/a', '.']], TCP80, topology)).to.throw(InputError, /truth table header: unknown endpoint "x\/zz"; known: x\/a, x\/b, y\/a, backup, laptop/);
    expect(() => truthTableExpectations([['', 'x/a'], ['q/q', '.']], TCP80, topology)).to.throw(InputError, 'truth table row: unknown endpoint "q/q"');
  });

  it('rejects a row with the wrong number of cells, and a table without header', () => {
    expect(() => truthTableExpectations([['', 'x/a', 'x/b'], ['y/a', '.']], TCP80, topology)).to.throw(InputError, 'truth table row y/a: 1 cells for 2 columns');
    expect(() => truthTableExpectations([], TCP80, topology)).to.throw(InputError, 'needs a header row');
  });
});

describe('matchesPattern', () => {
  const table: [string, string, boolean][] = [
    ['*', 'x/a', true],
    ['*', 'backup', true],
    ['x/*', 'x/a', true],
    ['x/*', 'y/a', false],
    ['*/a', 'y/a', true],
    ['*/a', 'y/b', false],
    ['x/a', 'x/a', true],
    ['x/a', 'x/ab', false],
    ['backup', 'backup', true],
    ['*/*', 'backup', false], // externals have no namespace
    ['x/*', 'backup', false],
  ];
  for (const [pattern, id, expected] of table) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${id}`, () => {
      expect(matchesPattern(pattern, id)).to.equal(expected);
    });
  }
});

describe('patternExpectations', () => {
  it('every judged flow to a destination serving the port has the base verdict, exceptions the opposite', () => {
    const e = patternExpectations(topology, TCP80, 'denied', [{ from: 'x/*', to: 'x/a' }, { from: 'backup', to: '*' }]);
    expect(brief(e)).to.deep.equal([
      // y/a serves 81 only and laptop nothing: never destinations. backup -> laptop is external to external.
      'x/a>x/b:80/TCP=denied',
      'x/a>backup:80/TCP=denied',
      'x/b>x/a:80/TCP=allowed',
      'x/b>backup:80/TCP=denied',
      'y/a>x/a:80/TCP=denied',
      'y/a>x/b:80/TCP=denied',
      'y/a>backup:80/TCP=denied',
      'backup>x/a:80/TCP=allowed',
      'backup>x/b:80/TCP=allowed',
      'laptop>x/a:80/TCP=denied',
      'laptop>x/b:80/TCP=denied',
    ]);
  });

  it('no exceptions: all the base verdict', () => {
    const e = patternExpectations(topology, { port: 53, protocol: 'UDP' }, 'allowed', []);
    expect(brief(e)).to.deep.equal(['x/a>x/b:53/UDP=allowed', 'y/a>x/b:53/UDP=allowed', 'backup>x/b:53/UDP=allowed', 'laptop>x/b:53/UDP=allowed']);
  });

  it('rejects a pattern that matches no endpoint', () => {
    expect(() => patternExpectations(topology, TCP80, 'allowed', [{ from: 'z/*', to: '*' }])).to.throw(InputError, 'pattern "z/*" matches no endpoint');
  });
});
