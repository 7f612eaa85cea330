// The conformance summary: counts per tag and in total, skip reasons, failures, the closing line.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { countByTag, formatSummary } from '../../src/report/summary.js';
import type { ScenarioResult, ScenarioStatus } from '../../src/runner/run-suite.js';

function scenario(name: string, status: ScenarioStatus, tags: string[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { id: name, name, uri: 'features/x.feature', file: '/repo/features/x.feature', line: 10, tags, status, ...extra };
}

const scenarios: ScenarioResult[] = [
  scenario('one', 'passed', ['@ingress', '@udp', '@case-12']),
  scenario('two', 'failed', ['@ingress', '@beyond-3'], { line: 20 }),
  scenario('three', 'skipped', ['@sctp', '@sctp'], { line: 30, skipReason: 'target netns lacks sctp: no kernel module' }),
  scenario('four', 'undefined', [], { line: 40 }),
  scenario('five', 'pending', ['@udp'], { line: 50 }),
  scenario('six', 'ambiguous', ['@ingress'], { line: 60 }),
];

describe('countByTag', () => {
  it('counts each scenario once per distinct group tag (not per-case tags like @case-12); undefined, pending and ambiguous count as failed', () => {
    const { tags, total } = countByTag(scenarios);
    expect(total).to.deep.equal({ passed: 1, failed: 4, skipped: 1 });
    expect([...tags.keys()]).to.deep.equal(['@ingress', '@sctp', '@udp']); // sorted
    expect(tags.get('@ingress')).to.deep.equal({ passed: 1, failed: 2, skipped: 0 });
    expect(tags.get('@sctp')).to.deep.equal({ passed: 0, failed: 0, skipped: 1 });
    expect(tags.get('@udp')).to.deep.equal({ passed: 1, failed: 1, skipped: 0 });
  });
});

describe('formatSummary', () => {
  it('prints the table, the skip reasons, the failures, the reports and the closing line', () => {
    const text = formatSummary({ target: 'netns', success: false, scenarios, reportsDir: 'reports/netns' });
    expect(text).to.equal(
      [
        '',
        'Conformance summary (target netns)',
        '  tag        pass   fail   skip',
        '  @ingress      1      2      0',
        '  @sctp         0      0      1',
        '  @udp          1      1      0',
        '  total         1      4      1',
        '',
        'Skipped:',
        '  features/x.feature:30 three: target netns lacks sctp: no kernel module',
        '',
        'Failed:',
        '  features/x.feature:20 two (failed)',
        '  features/x.feature:40 four (undefined)',
        '  features/x.feature:50 five (pending)',
        '  features/x.feature:60 six (ambiguous)',
        '',
        'Reports: reports/netns/cucumber.html, reports/netns/junit.xml',
        '',
        '1 passed, 4 failed, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('a green run: no skip or failure sections', () => {
    const text = formatSummary({ target: 'sim', success: true, scenarios: [scenario('one', 'passed', ['@lesson'])] });
    expect(text).to.not.include('Skipped:');
    expect(text).to.not.include('Failed:');
    expect(text).to.not.include('Reports:');
    expect(text.trimEnd().split('\n').at(-1)).to.equal('1 passed, 0 failed, 0 skipped');
  });

  it('a skip without a reason says so', () => {
    expect(formatSummary({ target: 'sim', success: true, scenarios: [scenario('s', 'skipped', [])] })).to.include('s: no reason given');
  });
});
