// A step outside the vocabulary: cucumber prints the closest documented steps and docs/steps.md,
// not a JavaScript snippet to implement.
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { runSuite } from '../../src/runner/run-suite.js';
import { closestSteps, documentedSteps, stepShape } from '../../src/runner/step-hints.js';

describe('closest steps', () => {
  it('reads the example steps of docs/steps.md', () => {
    const steps = documentedSteps();
    expect(steps).to.include('prod/api can connect to prod/db on 3306/TCP');
    expect(steps).to.include('the reachability on 80/TCP is:');
    expect(steps.every((s) => !/^(Given|When|Then|And|But) /.test(s))).to.equal(true);
  });

  it('compares shapes: ports, endpoints, strings and numbers are placeholders', () => {
    expect(stepShape('dev/api cannot connect to prod/db on 3306/TCP')).to.equal('{endpoint} cannot connect to {endpoint} on {port}');
    expect(stepShape('the manifest "a.yaml" is applied')).to.equal('the manifest {string} is applied');
    // As cucumber generates it from a step's text.
    expect(stepShape('x\\/a can conect to x\\/b on {port}')).to.equal('{endpoint} can conect to {endpoint} on {port}');
  });

  const cases: [string, string][] = [
    ['x/a can conect to x/b on 80/TCP', 'prod/api can connect to prod/db on 3306/TCP'],
    ['x/a can not connect to x/b on 80/TCP', 'dev/api cannot connect to prod/db on 3306/TCP'],
    ['the reachabilty on 80/TCP is:', 'the reachability on 80/TCP is:'],
    ['the manifest "db.yaml" applied', 'the manifest "fixtures/lessons/network-policies/db-policy.yaml" is applied'],
    ['pod "x/a" is labeled "a=b"', 'pod "x/a" is labelled "target=isolated"'],
  ];
  for (const [written, best] of cases) {
    it(`"${written}" comes closest to "${best}"`, () => {
      expect(closestSteps(written)[0]).to.equal(best);
    });
  }
});

describe('a run with a step outside the vocabulary', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-undefined-'));
    writeFileSync(join(dir, 'typo.feature'), 'Feature: typo\n  Scenario: misspelt\n    Given the x/y/z model\n    Then x/a can conect to x/b on 80/TCP\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the closest steps and docs/steps.md, no JavaScript', async () => {
    let out = '';
    const stdout = new Writable({
      write: (chunk: Buffer, _e, done) => {
        out += chunk.toString();
        done();
      },
    });
    const result = await runSuite({ target: { name: 'sim', options: {} }, paths: [join(dir, 'typo.feature')], reportsDir: join(dir, 'reports'), formats: ['progress'], stdout });
    expect(result.scenarios[0]?.status).to.equal('undefined');
    expect(out).to.include('Undefined: this step matches no step of the vocabulary.');
    expect(out).to.match(/The closest steps of the vocabulary \(all of them: docs\/steps\.md\):\n\s+prod\/api can connect to prod\/db on 3306\/TCP\n/);
    expect(out).to.not.include('Implement with the following snippet');
    expect(out).to.not.match(/async function|Then\(/);
  });
});
