// The conformance catalogue must catch real bugs, not just pass. Each engine fault below reproduces a
// past plugin bug (src/engine/options.ts, ENGINE_FAULTS); running the catalogue on a sim target with
// that fault must turn exactly the scenarios that test the broken rule red, with a failed claim (not
// a crash), and leave every other scenario green. The baseline run proves the catalogue is green on
// the spec itself, so every red below is caused by the fault alone.
import { before, describe, it } from 'node:test';
import { join } from 'node:path';
import { expect } from 'chai';
import { discard, PROJECT_ROOT, runSuite, type ScenarioResult, type SuiteResult } from '../../src/runner/run-suite.js';
import type { EngineFault } from '../../src/engine/options.js';

const CATALOGUE = join(PROJECT_ROOT, 'features/conformance');

/** The catalogue number of a scenario: its `@case-N`, `@beyond-N`, `@endport-N`, `@ipv6-N`, ... tag. */
const CASE_TAG = /^@(case|beyond|endport|named-port|ipv6)-\d+$/;

function caseId(scenario: ScenarioResult): string {
  return scenario.tags.find((t) => CASE_TAG.test(t)) ?? `${scenario.uri}:${scenario.line}`;
}

function ids(scenarios: readonly ScenarioResult[]): string[] {
  return [...new Set(scenarios.map(caseId))].sort();
}

/** cucumber still prints failing steps with no formatter; the assertions below report instead. */

async function runCatalogue(fault?: EngineFault): Promise<SuiteResult> {
  const options = fault ? { fault } : {};
  return runSuite({ target: { name: 'sim', options }, paths: [CATALOGUE], quiet: true, stdout: discard(), stderr: discard() });
}

/** Which scenarios each fault must break, and why (the rule of docs/semantics.md it violates). */
const EXPECTED_RED: Record<EngineFault, { rule: string; red: string[] }> = {
  'protocol-any': {
    rule: 'a port entry without protocol means TCP only',
    red: ['@beyond-1', '@beyond-2'],
  },
  'except-ignored': {
    rule: "an address in an ipBlock's except is not matched by that ipBlock",
    red: ['@beyond-11', '@beyond-12', '@case-37', '@case-38', '@ipv6-2', '@ipv6-7'],
  },
  'named-port-on-source': {
    rule: 'an ingress named port resolves on the selected (destination) pod',
    red: ['@beyond-22', '@named-port-1'],
  },
};

describe('conformance catalogue on the sim target', () => {
  let baseline: SuiteResult;
  before(async () => {
    baseline = await runCatalogue();
  });

  it('is green on the spec: every scenario passes, none skipped or undefined', () => {
    // Except what sim cannot judge by design: experimental peers naming nodes (skipped, with the reason).
    const unjudgeable = (s: ScenarioResult): boolean => s.status === 'skipped' && s.tags.includes('@nodes-peer') && (s.skipReason ?? '').includes('lacks @nodes-peer');
    const notPassed = baseline.scenarios.filter((s) => s.status !== 'passed' && !unjudgeable(s));
    expect(notPassed.map((s) => `${caseId(s)} ${s.name}: ${s.status}`)).to.deep.equal([]);
    expect(baseline.scenarios.filter(unjudgeable)).to.have.length(4);
    // 48 upstream cases, plus validation examples and the beyond-upstream cases.
    const upstream = ids(baseline.scenarios).filter((id) => id.startsWith('@case-'));
    expect(upstream).to.have.length(48);
    expect(baseline.success).to.equal(true);
  });

  for (const [fault, { rule, red }] of Object.entries(EXPECTED_RED) as [EngineFault, (typeof EXPECTED_RED)[EngineFault]][]) {
    it(`turns exactly ${red.join(', ')} red with the fault '${fault}' (${rule})`, async () => {
      const result = await runCatalogue(fault);
      // Compared with the baseline run, so this test judges the fault alone (the test above judges
      // the baseline): every scenario keeps its baseline status except the expected ones.
      const before = new Map(baseline.scenarios.map((s) => [`${s.uri}:${s.line}`, s.status]));
      const changed = result.scenarios.filter((s) => before.get(`${s.uri}:${s.line}`) !== s.status);
      expect(ids(changed)).to.deep.equal([...red].sort());
      for (const scenario of changed) {
        expect(scenario.status, caseId(scenario)).to.equal('failed');
        // Red because a claim about traffic did not hold, not because a step crashed.
        expect(scenario.message ?? '', caseId(scenario)).to.match(/^ClaimFailed: \d+ of \d+ claims? of this scenario (does|do) not hold on the sim target\./);
      }
      expect(result.scenarios).to.have.length(baseline.scenarios.length);
      expect(result.success).to.equal(false);
    });
  }
});
