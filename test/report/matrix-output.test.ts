// Reachability matrices as glyph tables (one per port) and as the exact JSON flow list; the grid.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { distinct, formatGrid } from '../../src/model/truth-table.js';
import { formatMatrixJson, formatMatrixTables, type ObservedFlow } from '../../src/report/matrix-output.js';

const flows: ObservedFlow[] = [
  { flow: { from: 'x/a', to: 'x/b', port: 80, protocol: 'TCP' }, reachability: 'allowed' },
  { flow: { from: 'x/b', to: 'x/a', port: 80, protocol: 'TCP' }, reachability: 'denied' },
  { flow: { from: 'backup', to: 'x/a', port: 80, protocol: 'TCP' }, reachability: 'unknown' },
  { flow: { from: 'x/a', to: 'x/b', port: 53, protocol: 'UDP' }, reachability: 'denied' },
];

describe('formatGrid / distinct', () => {
  it('pads columns to their widths, rows first column to the widest label', () => {
    expect(formatGrid(['a', 'long-row'], ['c1', 'x'], (r, c) => (r === 'a' && c === 'x' ? 'X' : '.'))).to.equal(
      ['| from -> to | c1 | x |', '| a          | .  | X |', '| long-row   | .  | . |'].join('\n'),
    );
  });

  it('keeps first-seen order', () => {
    expect(distinct(['b', 'a', 'b', 'c', 'a'])).to.deep.equal(['b', 'a', 'c']);
  });
});

describe('formatMatrixTables', () => {
  it('prints one table per port in first-seen order with ., X, ? and - glyphs, then the legend', () => {
    expect(formatMatrixTables(flows, ['x/a', 'x/b', 'backup'])).to.equal(
      [
        '80/TCP:',
        '| from -> to | x/a | x/b | backup |',
        '| x/a        | -   | .   | -      |',
        '| x/b        | X   | -   | -      |',
        '| backup     | ?   | -   | -      |',
        '',
        '53/UDP:',
        '| from -> to | x/a | x/b | backup |',
        '| x/a        | -   | X   | -      |',
        '| x/b        | -   | -   | -      |',
        '| backup     | -   | -   | -      |',
        '',
        '. allowed   X denied   ? unknown   - not judged (self, or external to external)',
        '',
      ].join('\n'),
    );
  });
});

describe('formatMatrixTables: ports nothing listens on', () => {
  it('marks an allowed flow to a port the destination does not serve with o, and explains o', () => {
    const marked: ObservedFlow[] = [
      { flow: { from: 'x/a', to: 'x/b', port: 81, protocol: 'TCP' }, reachability: 'allowed', served: false },
      { flow: { from: 'x/b', to: 'x/a', port: 81, protocol: 'TCP' }, reachability: 'denied', served: false },
    ];
    const text = formatMatrixTables(marked, ['x/a', 'x/b']);
    expect(text).to.include('| x/a        | -   | o   |\n| x/b        | X   | -   |');
    expect(text).to.include('o allowed by the policies, but nothing listens on the port (a real connection is refused)');
  });
});

describe('formatMatrixJson', () => {
  it('prints exactly {"flows":[...]} with from, to, port, protocol, allowed (unknown is not allowed), served', () => {
    expect(formatMatrixJson(flows)).to.equal(
      '{"flows":[' +
        '{"from":"x/a","to":"x/b","port":80,"protocol":"TCP","allowed":true,"served":true},' +
        '{"from":"x/b","to":"x/a","port":80,"protocol":"TCP","allowed":false,"served":true},' +
        '{"from":"backup","to":"x/a","port":80,"protocol":"TCP","allowed":false,"served":true},' +
        '{"from":"x/a","to":"x/b","port":53,"protocol":"UDP","allowed":false,"served":true}' +
        ']}\n',
    );
  });

  it('says when the destination does not serve the port', () => {
    const unserved: ObservedFlow[] = [{ flow: { from: 'x/a', to: 'x/b', port: 81, protocol: 'TCP' }, reachability: 'allowed', served: false }];
    expect(formatMatrixJson(unserved)).to.equal('{"flows":[{"from":"x/a","to":"x/b","port":81,"protocol":"TCP","allowed":true,"served":false}]}\n');
  });

  it('an empty matrix', () => {
    expect(formatMatrixJson([])).to.equal('{"flows":[]}\n');
  });
});
