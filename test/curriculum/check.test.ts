// Runs `curriculum check` in-process (cucumber on sim) on a fixture course with one broken lesson
// of each kind, and on the project's own course.
import { before, after, describe, it } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/context.js';

const broken = fileURLToPath(new URL('./fixtures/broken-course', import.meta.url));
const course = fileURLToPath(new URL('../../curriculum', import.meta.url));
const shown = (path: string): string => relative(process.cwd(), path);

async function check(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await main(['curriculum', 'check', ...argv], io);
  return { code, out, err };
}

describe('curriculum check on a course with broken lessons', () => {
  let result: { code: number; out: string; err: string };
  let reports: string;
  before(async () => {
    reports = mkdtempSync(join(tmpdir(), 'netpol-curriculum-'));
    result = await check([broken, '--junit', join(reports, 'curriculum.xml')]);
  });
  after(() => rmSync(reports, { recursive: true, force: true }));

  const lessonBlock = (name: string): string => {
    const lines = result.out.split('\n');
    const start = lines.findIndex((l) => l.endsWith(` ${name}`) || l.includes(` ${name}:`));
    if (start < 0) throw new Error(`no line for ${name} in:\n${result.out}`);
    const end = lines.findIndex((l, i) => i > start && /^(ok|FAIL) /.test(l));
    return lines.slice(start, end < 0 ? undefined : end).join('\n');
  };

  it('exits 1 because some lessons do not hold', () => {
    expect(result.code, result.out + result.err).to.equal(1);
    expect(result.out).to.match(/^6 of 8 lessons do not hold: 8 claims checked, 3 failing, 0 skipped, 1 erratum, 4 other problems$/m);
  });

  it('passes a lesson whose claims hold', () => {
    expect(lessonBlock('01-holds')).to.equal('ok   01-holds: 2 claims checked');
  });

  it('fails a lesson with a wrong claim, naming the claim and the differing flow', () => {
    const block = lessonBlock('02-wrong-claim');
    expect(block).to.contain('FAIL 02-wrong-claim: 2 claims checked, 1 fails');
    expect(block).to.contain(`fails: "The web pod cannot open connections either" (${shown(join(broken, '02-wrong-claim/lesson.feature'))}:14)`);
    // The words after the verdict belong to the target's report (src/harness/mismatch.ts).
    expect(block).to.contain('shop/web -> shop/api on 80/TCP: expected denied, observed allowed');
  });

  it('fails a lesson with an invalid manifest, naming file, line and field', () => {
    const block = lessonBlock('03-invalid-manifest');
    expect(block).to.contain('FAIL 03-invalid-manifest');
    expect(block).to.contain(
      `invalid manifest: ${shown(join(broken, '03-invalid-manifest/web-from-api.yaml'))}:16:17: NetworkPolicy shop/web-from-api: spec.ingress[0].ports[0].port: must be between 1 and 65535, inclusive (got 70000)`,
    );
  });

  it('says an invalid manifest once, with the claims it makes fail, not again under each claim', () => {
    const block = lessonBlock('03-invalid-manifest');
    expect(block.match(/must be between 1 and 65535/g)).to.have.length(1);
    expect(block).to.contain(`\n           so this claim fails: "Only the api pod may connect to the web pod" (${shown(join(broken, '03-invalid-manifest/lesson.feature'))}:10)`);
    expect(block).to.not.match(/^ +fails: "Only the api pod/m);
  });

  it('fails a lesson naming a missing file, with the feature line, and does not run it', () => {
    const block = lessonBlock('04-missing-file');
    expect(block).to.contain('FAIL 04-missing-file: not run, 1 problem');
    expect(block).to.contain(`missing manifest: ${shown(join(broken, '04-missing-file/lesson.feature'))}:10 names "web-deny-al.yaml"`);
  });

  it('fails a lesson folder without a feature', () => {
    expect(lessonBlock('05-no-feature')).to.contain('has no .feature file');
  });

  it('lists errata, and leaves manifests rejected on purpose to their scenario', () => {
    const block = lessonBlock('06-erratum');
    expect(block).to.match(/^ok {3}06-erratum: 2 claims checked, 1 erratum$/m);
    expect(block).to.contain('erratum: "An ingress-only policy leaves egress open"');
    expect(result.out).not.to.contain('backwards-range.yaml');
  });

  it('reports a feature cucumber cannot parse without hiding the other lessons', () => {
    const block = lessonBlock('07-syntax-error');
    expect(block).to.contain('FAIL 07-syntax-error: not run, 1 problem');
    expect(block).to.contain(`syntax: ${shown(join(broken, '07-syntax-error/lesson.feature'))}:10: `);
    expect(block).to.contain("got 'Scenario The api pod accepts connections'");
  });

  it('fails a claim written with a step outside the vocabulary', () => {
    const block = lessonBlock('08-unknown-step');
    expect(block).to.contain('FAIL 08-unknown-step: 1 claim checked, 1 fails');
    expect(block).to.contain('a step matches no step of the vocabulary (docs/steps.md)');
  });

  it('writes the JUnit report of every claim that ran', () => {
    const xml = readFileSync(join(reports, 'curriculum.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).to.have.length(8);
    expect(xml).to.contain('The web pod cannot open connections either');
  });
});

describe('curriculum check on the project course', () => {
  it('holds on sim', async () => {
    const { code, out, err } = await check([course]);
    expect(code, out + err).to.equal(0);
    expect(out).to.match(/^every lesson holds: \d+ claims checked, 0 failing/m);
    expect(out).not.to.match(/^FAIL/m);
    const lessons = out.split('\n').filter((l) => l.startsWith('ok   '));
    expect(lessons.length).to.be.at.least(14);
  });
});

describe('curriculum check command line', () => {
  it('refuses a target a course is not checked on', async () => {
    const { code, err } = await check([course, '--target', 'cluster']);
    expect(code).to.equal(2);
    expect(err).to.contain('cluster');
  });

  it('says which folder is missing', async () => {
    const { code, err } = await check([join(broken, 'no-such-course')]);
    expect(code).to.equal(1);
    expect(err).to.match(/curriculum folder ".*no-such-course" not found/);
  });
});
