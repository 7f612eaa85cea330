// `netpol-conformance run`, in-process on the sim target: the lesson feature passes; a wrong claim
// fails with exit 1 and is listed as failed; an unknown target is a usage error.
// Cucumber's console format is `rerun` here: it prints only failing scenarios, so a green run is
// quiet. HTML and JUnit reports go to a temporary folder, removed afterwards.
import { after, before, describe, it } from 'node:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { runCli, type CliRun } from '../support/cli.js';

const LESSON_FEATURE = 'features/lessons/network-policies.feature';

const run = (...argv: string[]): Promise<CliRun> => runCli('run', ...argv);

describe('run command', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-run-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the lesson on sim: every scenario passes, exit 0, with the summary per tag', async () => {
    const reports = join(dir, 'lesson');
    const { code, out, err } = await run(LESSON_FEATURE, '--target', 'sim', '--reports', reports, '-f', 'rerun');
    expect(code, out + err).to.equal(0);
    expect(err).to.equal('');
    expect(out).to.include('Conformance summary (target sim)');
    expect(out).to.match(/^ {2}@lesson\s+12\s+0\s+0$/m);
    expect(out).to.match(/^ {2}@erratum\s+1\s+0\s+0$/m);
    expect(out.trimEnd().split('\n').at(-1)).to.equal('12 passed, 0 failed, 0 skipped');
    expect(existsSync(join(reports, 'junit.xml'))).to.equal(true);
    expect(existsSync(join(reports, 'cucumber.html'))).to.equal(true);
  });

  it('writes the upstream-format conformance report of the ported tests it ran', async () => {
    const file = join(dir, 'report', 'conformance.yaml');
    const feature = 'features/conformance/cluster-network-policy/admin-tier-standard-ingress-tcp-rules.feature';
    const { code, out } = await run(feature, '--reports', join(dir, 'conformance'), '-f', 'rerun', '--conformance-report', file, '--implementation', 'example/cni@v1.2.3', '--contact', '@someone');
    expect(code, out).to.equal(0);
    expect(out).to.include(`Conformance report (upstream format): ${file}`);
    const report = parse(readFileSync(file, 'utf8')) as { implementation: Record<string, unknown>; profiles: { standard: { result: string; statistics: Record<string, number> } }[] };
    expect(report.implementation).to.deep.include({ organization: 'example', project: 'cni', version: 'v1.2.3', contact: ['@someone'] });
    expect(report.profiles[0]?.standard).to.deep.include({ result: 'success', statistics: { Passed: 1, Skipped: 0, Failed: 0 } });
  });

  it('refuses an --implementation it cannot read, before running anything', async () => {
    const { code, err } = await run(LESSON_FEATURE, '--conformance-report', join(dir, 'x.yaml'), '--implementation', 'calico');
    expect(code).to.equal(2);
    expect(err).to.include('--implementation "calico": write ORGANIZATION/PROJECT@VERSION');
  });

  it('selects scenarios with --tags', async () => {
    const { code, out } = await run(LESSON_FEATURE, '--tags', '@erratum', '--reports', join(dir, 'tags'), '-f', 'rerun');
    expect(code).to.equal(0);
    expect(out.trimEnd().split('\n').at(-1)).to.equal('1 passed, 0 failed, 0 skipped');
  });

  it('a claim the spec contradicts fails: exit 1, the scenario listed as failed', async () => {
    const feature = join(dir, 'wrong.feature');
    writeFileSync(
      feature,
      [
        'Feature: a wrong claim',
        '  Scenario: the lesson forgets that a podSelector-only peer means the policy namespace',
        '    Given the manifests in "fixtures/lessons/network-policies/topology.yaml"',
        '    When the manifest "fixtures/lessons/network-policies/2-db-policy-allow-api.yaml" is applied',
        '    Then dev/api can connect to prod/db on 3306/TCP',
        '',
      ].join('\n'),
    );
    const { code, out } = await run(feature, '--reports', join(dir, 'wrong'), '-f', 'rerun');
    expect(code).to.equal(1);
    expect(out).to.include('Failed:');
    expect(out).to.include('the lesson forgets that a podSelector-only peer means the policy namespace (failed)');
    expect(out.trimEnd().split('\n').at(-1)).to.equal('0 passed, 1 failed, 0 skipped');
  });

  it('no scenario selected: exit 1 with a line saying so', async () => {
    const { code, err } = await run(LESSON_FEATURE, '--tags', '@no-such-tag', '--reports', join(dir, 'none'), '-f', 'rerun');
    expect(code).to.equal(1);
    expect(err).to.include('no scenario ran');
  });

  it('an unknown target is a usage error (exit 2) listing the targets', async () => {
    const { code, err } = await run(LESSON_FEATURE, '--target', 'moon');
    expect(code).to.equal(2);
    expect(err).to.include('unknown target "moon"; choose one of sim, netns, cluster');
  });

  it('an unknown --sim-fault is a usage error', async () => {
    const { code, err } = await run(LESSON_FEATURE, '--sim-fault', 'gremlins');
    expect(code).to.equal(2);
    expect(err).to.include('unknown --sim-fault "gremlins"');
  });

  it('an unknown flag is a usage error', async () => {
    const { code, err } = await run('--frobnicate');
    expect(code).to.equal(2);
    expect(err).to.include("unknown option '--frobnicate'");
  });
});
