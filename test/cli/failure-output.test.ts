// What a scenario writer reads when claims fail: every claim of the scenario is checked and every
// failing one reported (with its line), each differing flow with the spec's reason; a wrong claim
// is not a crash, so neither the console nor the HTML report shows stack frames.
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { runSuite } from '../../src/runner/run-suite.js';

const FEATURE = [
  'Feature: three claims, two wrong',
  '  Scenario: a deny-all ingress policy in x',
  '    Given the x/y/z model',
  '    When this policy is applied:',
  '      """',
  '      apiVersion: networking.k8s.io/v1',
  '      kind: NetworkPolicy',
  '      metadata: {name: deny-all, namespace: x}',
  '      spec: {podSelector: {}, policyTypes: [Ingress]}',
  '      """',
  '    Then y/a can connect to x/b on 80/TCP',
  '    And x/a can connect to y/b on 80/TCP',
  '    And the reachability on 81/TCP is:',
  '      | from -> to | x/a | z/c |',
  '      | z/c        | .   | -   |',
  '',
].join('\n');

describe('failure output', () => {
  let dir: string;
  let console: string;
  let result: Awaited<ReturnType<typeof runSuite>>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-failures-'));
    writeFileSync(join(dir, 'wrong.feature'), FEATURE);
    console = '';
    const stdout = new Writable({
      write: (chunk: Buffer, _e, done) => {
        console += chunk.toString();
        done();
      },
    });
    result = await runSuite({ target: { name: 'sim', options: {} }, paths: [join(dir, 'wrong.feature')], reportsDir: join(dir, 'reports'), formats: ['progress'], stdout });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('checks every claim and reports both that fail, then fails the scenario', () => {
    const [scenario] = result.scenarios;
    expect(scenario?.status).to.equal('failed');
    const message = scenario?.message ?? '';
    expect(message.split('\n')[0]).to.equal('ClaimFailed: 2 of 3 claims of this scenario do not hold on the sim target.');
    expect(message).to.include('Claim at line 11: Then y/a can connect to x/b on 80/TCP\nOn 80/TCP: 1 of 1 flows differ from the claim.');
    expect(message).to.include('Claim at line 13: And the reachability on 81/TCP is:\nOn 81/TCP: 1 of 1 flows differ from the claim.');
    expect(message).to.not.include('Claim at line 12');
  });

  it('gives the spec’s reason for each differing flow', () => {
    const message = result.scenarios[0]?.message ?? '';
    expect(message).to.include('  y/a -> x/b on 80/TCP: expected allowed, observed denied (the sim engine denies it)\n    why: the spec denies it: ingress to x/b is isolated by x/deny-all, and no ingress rule of it allows this flow');
    expect(message).to.include('  z/c -> x/a on 81/TCP: expected allowed, observed denied (the sim engine denies it)\n    why: the spec denies it: ingress to x/a is isolated by x/deny-all, and no ingress rule of it allows this flow');
  });

  it('shows no stack frames, on the console or in the HTML report', () => {
    expect(console).to.include('2 of 3 claims of this scenario do not hold');
    const frame = /^\s+at .+[:(]\d+:\d+\)?$/m;
    expect(console).to.not.match(frame);
    const html = readFileSync(join(dir, 'reports/cucumber.html'), 'utf8');
    expect(html).to.include('do not hold on the sim target');
    expect(html).to.not.match(/\\n\s+at [\w.<>]+ \(/);
    expect(html).to.not.include('Scenario.check');
  });
});
