// Reachability matrices written as they are read: glyph tables (one per port), the exact JSON flow
// list, and `rows` (a bitmap of allowed destinations per port and source); output comes in chunks.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { writeMatrixJson, writeMatrixRows, writeMatrixTables, type MatrixSlice } from '../../src/report/matrix-stream.js';
import { CELL } from '../../src/report/matrix-view.js';

const endpoints = ['x/a', 'x/b', 'backup', 'office'];
const external = [false, false, true, true];
const { allowed, denied, unknown } = CELL;
// Per port, rows of cells by endpoint (pairs never judged hold anything: they must not be printed).
const cells = [
  [
    [9, allowed, denied, allowed],
    [denied, 9, allowed, allowed],
    [unknown, allowed, 9, 9],
    [denied, denied, 9, 9],
  ],
  [
    [9, denied, denied, denied],
    [allowed, 9, denied, denied],
    [denied, denied, 9, 9],
    [allowed, allowed, 9, 9],
  ],
];

function slice(sources = [0, 1, 2, 3], destinations = [0, 1, 2, 3]): MatrixSlice {
  return {
    endpoints,
    external,
    ports: [
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ],
    sources,
    destinations,
    row: (p, from, out) => out.set(cells[p]?.[from] ?? []),
  };
}

function written(write: (s: MatrixSlice, w: (t: string) => void) => void, s = slice()): { text: string; chunks: number } {
  const chunks: string[] = [];
  write(s, (t) => chunks.push(t));
  return { text: chunks.join(''), chunks: chunks.length };
}

describe('writeMatrixTables', () => {
  it('prints one table per port with ., X, ? and - (self, external to external), then the legend', () => {
    expect(written(writeMatrixTables).text).to.equal(
      [
        '80/TCP:',
        '| from -> to | x/a | x/b | backup | office |',
        '| x/a        | -   | .   | X      | .      |',
        '| x/b        | X   | -   | .      | .      |',
        '| backup     | ?   | .   | -      | -      |',
        '| office     | X   | X   | -      | -      |',
        '',
        '53/UDP:',
        '| from -> to | x/a | x/b | backup | office |',
        '| x/a        | -   | X   | X      | X      |',
        '| x/b        | .   | -   | X      | X      |',
        '| backup     | X   | X   | -      | -      |',
        '| office     | .   | .   | -      | -      |',
        '',
        '. allowed   X denied   ? unknown   - not judged (self, or external to external)',
        '',
      ].join('\n'),
    );
  });

  it('prints only the rows and columns of the slice (one source, one destination)', () => {
    const text = written(writeMatrixTables, slice([1], [0, 1, 2, 3])).text;
    expect(text.split('\n').slice(0, 3)).to.deep.equal(['80/TCP:', '| from -> to | x/a | x/b | backup | office |', '| x/b        | X   | -   | .      | .      |']);
    expect(written(writeMatrixTables, slice([0, 1, 2, 3], [2])).text.split('\n').slice(0, 6)).to.deep.equal(['80/TCP:', '| from -> to | backup |', '| x/a        | X      |', '| x/b        | .      |', '| backup     | -      |', '| office     | -      |']);
  });
});

describe('destinations that do not listen on a port', () => {
  // x/b listens on nothing: what the policies allow to it is refused for real.
  const unserved = (): MatrixSlice => ({ ...slice(), serves: (_p, to) => to !== 1 });

  it("tables print an allowed flow to it as 'o' and say so in the legend; denied stays X", () => {
    const lines = written(writeMatrixTables, unserved()).text.split('\n');
    expect(lines.slice(1, 4)).to.deep.equal(['| from -> to | x/a | x/b | backup | office |', '| x/a        | -   | o   | X      | .      |', '| x/b        | X   | -   | .      | .      |']);
    expect(lines.at(-2)).to.equal('. allowed   X denied   ? unknown   - not judged (self, or external to external)   o allowed by the policies, but nothing listens on the port (a real connection is refused)');
    expect(written(writeMatrixTables).text).to.not.include('nothing listens');
  });

  it('JSON says served: false for every flow to it', () => {
    const flows = (JSON.parse(written(writeMatrixJson, unserved()).text) as { flows: { to: string; served: boolean }[] }).flows;
    expect(flows.filter((f) => !f.served).map((f) => f.to)).to.deep.equal(['x/b', 'x/b', 'x/b', 'x/b', 'x/b', 'x/b']);
  });
});

describe('writeMatrixJson', () => {
  it('prints exactly {"flows":[...]} of judged flows, port by port, row by row (unknown is not allowed)', () => {
    const flow = (from: string, to: string, port: number, protocol: string, ok: boolean): string => JSON.stringify({ from, to, port, protocol, allowed: ok, served: true });
    const expected = [
      flow('x/a', 'x/b', 80, 'TCP', true),
      flow('x/a', 'backup', 80, 'TCP', false),
      flow('x/a', 'office', 80, 'TCP', true),
      flow('x/b', 'x/a', 80, 'TCP', false),
      flow('x/b', 'backup', 80, 'TCP', true),
      flow('x/b', 'office', 80, 'TCP', true),
      flow('backup', 'x/a', 80, 'TCP', false),
      flow('backup', 'x/b', 80, 'TCP', true),
      flow('office', 'x/a', 80, 'TCP', false),
      flow('office', 'x/b', 80, 'TCP', false),
    ];
    const text = written(writeMatrixJson).text;
    expect(text.startsWith(`{"flows":[${expected.join(',')},`)).to.equal(true);
    expect((JSON.parse(text) as { flows: unknown[] }).flows).to.have.length(20);
  });

  it('an empty slice', () => {
    expect(written(writeMatrixJson, slice([], [])).text).to.equal('{"flows":[]}\n');
  });

  it('comes in chunks of about 64 KiB, never one string for a big matrix', () => {
    const n = 300;
    const big: MatrixSlice = {
      endpoints: Array.from({ length: n }, (_, i) => `ns/pod-${i}`),
      external: Array.from({ length: n }, () => false),
      ports: [{ port: 80, protocol: 'TCP' }],
      sources: Array.from({ length: n }, (_, i) => i),
      destinations: Array.from({ length: n }, (_, i) => i),
      row: (_p, from, out) => out.fill(from % 2),
    };
    const chunks: string[] = [];
    writeMatrixJson(big, (t) => chunks.push(t));
    expect(chunks.length).to.be.greaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).to.be.lessThan(70_000);
    expect((JSON.parse(chunks.join('')) as { flows: unknown[] }).flows).to.have.length(n * (n - 1));
  });
});

describe('writeMatrixRows', () => {
  const decode = (base64: string, columns: number): number[] => {
    const bytes = Buffer.from(base64, 'base64');
    return Array.from({ length: columns }, (_, i) => i).filter((i) => ((bytes[i >> 3] ?? 0) >> (i & 7)) & 1);
  };

  it('a header, then per port and source the allowed destinations as a bitmap, unknown flows apart', () => {
    const lines = written(writeMatrixRows).text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).to.deep.equal({ endpoints, ports: ['80/TCP', '53/UDP'], columns: 'all' });
    expect(lines).to.have.length(1 + 2 * 4);
    const row = (port: string, from: string) => lines.find((l) => l['port'] === port && l['from'] === from) ?? {};
    expect(decode(String(row('80/TCP', 'x/a')['allowed']), 4)).to.deep.equal([1, 3]);
    expect(row('80/TCP', 'x/a')['count']).to.equal(2);
    expect(decode(String(row('80/TCP', 'backup')['allowed']), 4)).to.deep.equal([1]); // never to office: not judged
    expect(decode(String(row('80/TCP', 'backup')['unknown']), 4)).to.deep.equal([0]);
    expect(row('80/TCP', 'x/a')).to.not.have.property('unknown');
    expect(decode(String(row('53/UDP', 'office')['allowed']), 4)).to.deep.equal([0, 1]);
  });

  it('writes the same rows when sources share row keys (rows packed once per key)', () => {
    // x/a and x/b, backup and office: each pair alike but for the pairs never judged.
    const alike: MatrixSlice = { ...slice(), row: (p, from, out) => out.set(cells[p]?.[from < 2 ? 0 : 2]?.map((c, j) => (j === from ? 9 : c)) ?? []) };
    const keyed: MatrixSlice = { ...alike, rowKey: (from) => (from < 2 ? 0 : 1) };
    const plain = written(writeMatrixRows, alike).text;
    expect(written(writeMatrixRows, keyed).text).to.equal(plain);
    expect(plain).to.include('"from":"x/b"');
  });

  it('with one destination, the header lists the columns and bit 0 is that destination', () => {
    const lines = written(writeMatrixRows, slice([0, 1, 2, 3], [2])).text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]?.['columns']).to.deep.equal([2]);
    expect(lines.filter((l) => l['port'] === '80/TCP').map((l) => decode(String(l['allowed']), 1).length)).to.deep.equal([0, 1, 0, 0]);
  });
});
