// --keep leaves the sandbox of a run for a person to enter: the run says how to enter it and how
// to remove it, a failing probe's reproduce command works after the run, --dump-rules writes each
// pod's ruleset, and `cleanup --target netns` removes the sandbox. Without --keep, the reproduce
// command says it only works while the run lasts.
import { after, before, describe, it } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { listKept, removeKept } from '../../src/targets/netns/kept.js';
import { runCli } from '../support/cli.js';
import { netnsUnavailable } from './support.js';

const unavailable = await netnsUnavailable();

/** x/b CAN reach x/a: the claim that it cannot fails, and its reproduce command connects. */
const FEATURE = ['Feature: a wrong claim', '  Scenario: x/b cannot reach x/a (it can)', '    Given the x/y/z model', '    Then x/b cannot connect to x/a on 80/TCP', ''].join('\n');

/** The failure messages of a run, as its JUnit report has them (cucumber's console goes to the process's stdout). */
const failures = (reports: string): string => readFileSync(join(reports, 'junit.xml'), 'utf8').replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const reproduceLine = (text: string): string => /^\s+reproduce[^:]*: (.*)$/m.exec(text)?.[1] ?? '';

describe('netns --keep, --dump-rules and cleanup --target netns', { skip: unavailable ?? false }, () => {
  let dir: string;
  let runId = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-keep-'));
    writeFileSync(join(dir, 'wrong.feature'), FEATURE);
  });
  after(() => {
    if (runId !== '') removeKept({ runId });
    rmSync(dir, { recursive: true, force: true });
  });

  it('without --keep, the reproduce command says it works only while the run lasts', async () => {
    const { code } = await runCli('run', '--target', 'netns', '--reports', join(dir, 'r1'), '-f', 'rerun', join(dir, 'wrong.feature'));
    expect(code).to.equal(1);
    expect(failures(join(dir, 'r1'))).to.match(/^\s+reproduce \(works while the run lasts; run with --keep to keep the sandbox after it\): \S*nsenter -t \d+ /m);
  });

  it('with --keep: how to enter and remove it; the reproduce command works after the run; the rules were dumped', async () => {
    const rules = join(dir, 'rules');
    const { code, err } = await runCli('run', '--target', 'netns', '--keep', '--dump-rules', rules, '--reports', join(dir, 'r2'), '-f', 'rerun', join(dir, 'wrong.feature'));
    expect(code).to.equal(1);
    runId = /run ([0-9a-f]{8})\)/.exec(err)?.[1] ?? '';
    expect(runId, err).to.not.equal('');
    expect(err).to.include(`remove it:       netpol-conformance cleanup --target netns --run ${runId}`);
    expect(err).to.match(/enter it: +\S*nsenter -t \d+ -U -m -n -p --preserve-credentials bash/);
    expect(listKept().find((k) => k.kept.runId === runId)?.alive).to.equal(true);

    const report = failures(join(dir, 'r2'));
    const reproduce = reproduceLine(report);
    expect(report).to.match(/^\s+reproduce: /m); // no "works while the run lasts": it is kept
    expect(execFileSync('sh', ['-c', reproduce], { encoding: 'utf8' }).trim()).to.equal('connected');

    expect(readFileSync(join(rules, 'x_a.nft'), 'utf8')).to.include('table inet netpol {');
    expect(existsSync(join(rules, 'z_c.nft'))).to.equal(true);
  });

  it('cleanup --target netns --run removes it: its processes end, the reproduce command then fails', async () => {
    const kept = listKept().find((k) => k.kept.runId === runId)?.kept;
    expect(kept).to.not.equal(undefined);
    const { code, out } = await runCli('cleanup', '--target', 'netns', '--run', runId);
    expect(code).to.equal(0);
    expect(out).to.include(`removed the kept netns sandbox of run ${runId}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(`/proc/${kept?.initPid ?? 0}`)).to.equal(false);
    expect(listKept().some((k) => k.kept.runId === runId)).to.equal(false);
    const enter = spawnSync('sh', ['-c', `${kept?.enter ?? ''} true`], { encoding: 'utf8' });
    expect(enter.status).to.not.equal(0);
  });
});
