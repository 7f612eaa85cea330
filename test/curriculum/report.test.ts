import { describe, it } from 'node:test';
import { expect } from 'chai';
import { keyLines } from '../../src/curriculum/report.js';

describe('keyLines', () => {
  it('keeps the summary and the differing flows of a claim, not the tables', () => {
    const message = [
      'On 80/TCP: 1 of 3 flows differ from the claim.',
      'expected:',
      '  | from\\to | x/a |',
      '  | x/b     | X   |',
      'observed:',
      '  | x/b     | .   |',
      'Differing flows:',
      '  x/b -> x/a on 80/TCP: expected denied, observed allowed (connected after 3 ms, 1 attempt)',
      '    reproduce: ip netns exec x-b nc -z 10.244.1.2 80',
    ].join('\n');
    expect(keyLines({ status: 'failed', message })).to.deep.equal([
      'On 80/TCP: 1 of 3 flows differ from the claim.',
      'x/b -> x/a on 80/TCP: expected denied, observed allowed (connected after 3 ms, 1 attempt)',
      'reproduce: ip netns exec x-b nc -z 10.244.1.2 80',
    ]);
  });

  it('drops the error class and the stack trace of other failures', () => {
    const message = 'InputError: lesson.feature: manifest "x.yaml" not found\n    at Scenario.resolvePath (scenario.ts:60:11)\n    at async run (x.ts:1:1)';
    expect(keyLines({ status: 'failed', message })).to.deep.equal(['lesson.feature: manifest "x.yaml" not found']);
  });

  it('caps long failures and says how much was left out', () => {
    const message = ['Differing flows:', ...Array.from({ length: 20 }, (_, i) => `  flow ${i}`)].join('\n');
    const lines = keyLines({ status: 'failed', message });
    expect(lines).to.have.length(8);
    expect(lines[7]).to.equal('... 13 more lines');
  });

  it('explains statuses that carry no message', () => {
    expect(keyLines({ status: 'undefined' })).to.deep.equal(['a step matches no step of the vocabulary (docs/steps.md)']);
    expect(keyLines({ status: 'pending' })).to.deep.equal(['a step is pending']);
  });
});
