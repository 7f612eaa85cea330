// Judging observations against claims, and the mismatch report: expected, observed and difference
// tables per port, then each differing flow with how to reproduce it.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { Expectation } from '../../src/harness/expectations.js';
import type { Flow, Observation } from '../../src/model/verdicts.js';
import { formatMismatch, judge } from '../../src/harness/mismatch.js';
import { verdictReason } from '../../src/harness/why.js';
import { BASE, engineFor, netpol } from '../engine/cases.js';

const f = (from: string, to: string, port = 80, protocol: Flow['protocol'] = 'TCP'): Flow => ({ from, to, port, protocol });
const probe = (flow: Flow, outcome: 'connected' | 'refused' | 'timeout' | 'error', extra: Partial<Extract<Observation, { kind: 'probe' }>> = {}): Observation => ({
  kind: 'probe',
  flow,
  outcome,
  elapsedMs: 1234.4,
  attempts: 3,
  ...extra,
});

describe('judge', () => {
  it('pairs expectations with observations in order and says whether they agree', () => {
    const expectations: Expectation[] = [
      { flow: f('x/a', 'x/b'), expected: 'allowed' },
      { flow: f('x/b', 'x/a'), expected: 'denied' },
      { flow: f('x/c', 'x/a'), expected: 'denied' },
    ];
    const judgements = judge(expectations, [probe(f('x/a', 'x/b'), 'connected'), probe(f('x/b', 'x/a'), 'connected'), probe(f('x/c', 'x/a'), 'error')]);
    expect(judgements.map((j) => [j.observed, j.agrees])).to.deep.equal([
      ['allowed', true],
      ['allowed', false],
      ['unknown', false], // an error never agrees with a claim
    ]);
  });

  it('refuses fewer observations than expectations', () => {
    expect(() => judge([{ flow: f('x/a', 'x/b'), expected: 'allowed' }], [])).to.throw(/0 observations for 1 flows/);
  });
});

describe('formatMismatch', () => {
  it('is empty when everything agrees', () => {
    const j = judge([{ flow: f('x/a', 'x/b'), expected: 'denied' }], [probe(f('x/a', 'x/b'), 'timeout')]);
    expect(formatMismatch(j)).to.equal('');
  });

  it('prints expected, observed and difference tables (endpoints in claim order) for each port with a difference, then the flows', () => {
    const expectations: Expectation[] = [
      { flow: f('x/a', 'x/b'), expected: 'allowed' },
      { flow: f('x/b', 'x/a'), expected: 'denied' },
      { flow: f('x/a', 'x/b', 53, 'UDP'), expected: 'denied' }, // agrees: no table for 53/UDP
    ];
    const observations = [
      probe(f('x/a', 'x/b'), 'connected'),
      probe(f('x/b', 'x/a'), 'connected', { detail: 'connected on the first try', reproduce: 'ip netns exec x-b nc -z 10.1.0.1 80' }),
      probe(f('x/a', 'x/b', 53, 'UDP'), 'refused'),
    ];
    expect(formatMismatch(judge(expectations, observations))).to.equal(
      [
        'On 80/TCP: 1 of 2 flows differ from the claim.',
        'expected:',
        '| from -> to | x/a | x/b |',
        '| x/a        | -   | .   |',
        '| x/b        | X   | -   |',
        'observed:',
        '| from -> to | x/a | x/b |',
        '| x/a        | -   | .   |',
        '| x/b        | .   | -   |',
        'difference:',
        '| from -> to | x/a | x/b |',
        '| x/a        | -   | =   |',
        '| x/b        | !   | -   |',
        '. allowed   X denied   ? unknown   - not judged   difference: = as claimed   ! differs',
        'Differing flows:',
        '  x/b -> x/a on 80/TCP: expected denied, observed allowed (connected after 1234 ms, 3 attempts: connected on the first try)',
        '    reproduce: ip netns exec x-b nc -z 10.1.0.1 80',
      ].join('\n'),
    );
  });

  it('the difference table has glyphs of its own, never . and X', () => {
    const j = judge([{ flow: f('x/a', 'x/b'), expected: 'allowed' }, { flow: f('x/b', 'x/a'), expected: 'allowed' }], [probe(f('x/a', 'x/b'), 'connected'), probe(f('x/b', 'x/a'), 'refused')]);
    const text = formatMismatch(j);
    const difference = text.slice(text.indexOf('difference:'), text.indexOf('. allowed'));
    expect(difference).to.not.match(/\| [.X] /);
    expect(difference).to.include('| x/a        | -   | =   |');
    expect(difference).to.include('| x/b        | !   | -   |');
  });

  it('gives the spec\'s reason under each differing flow', () => {
    const policies = [netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] })];
    const engine = engineFor([...BASE, ...policies]);
    const flow = f('y/a', 'x/b');
    const j = judge([{ flow, expected: 'allowed' }], [probe(flow, 'timeout', { reproduce: 'nsenter ...' })]);
    const text = formatMismatch(j, (fl) => verdictReason(engine.verdict(fl)));
    expect(text).to.include(
      [
        '  y/a -> x/b on 80/TCP: expected allowed, observed denied (timeout after 1234 ms, 3 attempts)',
        '    why: the spec denies it: ingress to x/b is isolated by x/deny-all, and no ingress rule of it allows this flow',
        '    reproduce: nsenter ...',
      ].join('\n'),
    );
  });

  it('describes sim verdicts as the engine\'s', () => {
    const engine = engineFor(BASE);
    const flow = f('x/a', 'y/b');
    const j = judge([{ flow, expected: 'denied' }], [{ kind: 'verdict', flow, verdict: engine.verdict(flow) }]);
    expect(formatMismatch(j)).to.include('x/a -> y/b on 80/TCP: expected denied, observed allowed (the sim engine allows it)');
  });

  it('says 1 attempt in the singular', () => {
    const j = judge([{ flow: f('x/a', 'x/b'), expected: 'allowed' }], [probe(f('x/a', 'x/b'), 'timeout', { attempts: 1, elapsedMs: 999.6 })]);
    expect(formatMismatch(j)).to.include('(timeout after 1000 ms, 1 attempt)');
  });
});
