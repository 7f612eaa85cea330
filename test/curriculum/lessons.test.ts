import { describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { discoverLessons } from '../../src/curriculum/lessons.js';
import { manifestProblems } from '../../src/curriculum/manifest-problems.js';
import { InputError } from '../../src/model/errors.js';

const broken = fileURLToPath(new URL('./fixtures/broken-course', import.meta.url));

describe('discoverLessons', () => {
  const lessons = discoverLessons(broken);
  const lesson = (name: string) => {
    const found = lessons.find((l) => l.name === name);
    if (!found) throw new Error(`fixture lesson ${name} not discovered`);
    return found;
  };

  it('takes every folder in name order, except those starting with _ or .', () => {
    expect(lessons.map((l) => l.name)).to.deep.equal(['01-holds', '02-wrong-claim', '03-invalid-manifest', '04-missing-file', '05-no-feature', '06-erratum', '07-syntax-error', '08-unknown-step']);
  });

  it('validates the files a feature applies from outside its folder', () => {
    expect(lesson('01-holds').manifests).to.deep.equal([join(broken, '_common', 'web-deny-all.yaml')]);
    expect(lesson('01-holds').problems).to.deep.equal([]);
  });

  it('reports a reference to a missing file with its feature line and the places looked in', () => {
    const missing = lesson('04-missing-file');
    expect(missing.problems).to.have.length(1);
    expect(missing.problems[0]).to.deep.include({ kind: 'missing-manifest', line: 10, reference: 'web-deny-al.yaml' });
  });

  it('reports a folder without a feature', () => {
    expect(lesson('05-no-feature').problems).to.deep.equal([{ kind: 'no-feature' }]);
    expect(lesson('05-no-feature').feature).to.equal(undefined);
  });

  it('leaves files named only by "is validated" steps to their scenario', () => {
    expect(lesson('06-erratum').manifests).to.deep.equal([join(broken, '_common', 'web-deny-all.yaml')]);
  });

  it('finds the invalid manifest with file, line, object and field', () => {
    const problems = manifestProblems(lesson('03-invalid-manifest').manifests, broken);
    expect(problems).to.deep.equal([
      '03-invalid-manifest/web-from-api.yaml:16:17: NetworkPolicy shop/web-from-api: spec.ingress[0].ports[0].port: must be between 1 and 65535, inclusive (got 70000)',
    ]);
  });

  it('rejects a lesson folder with several features', () => {
    const root = mkdtempSync(join(tmpdir(), 'netpol-lessons-'));
    try {
      mkdirSync(join(root, '01-two'));
      writeFileSync(join(root, '01-two', 'a.feature'), 'Feature: a\n');
      writeFileSync(join(root, '01-two', 'b.feature'), 'Feature: b\n');
      const [only] = discoverLessons(root);
      expect(only?.problems).to.deep.equal([{ kind: 'several-features', files: ['a.feature', 'b.feature'] }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('treats a course folder holding a feature as one lesson', () => {
    const [only, ...rest] = discoverLessons(join(broken, '01-holds'));
    expect(rest).to.deep.equal([]);
    expect(only?.name).to.equal('01-holds');
  });

  it('says so when the folder is missing or holds no lesson', () => {
    expect(() => discoverLessons(join(broken, 'nope'))).to.throw(InputError, /curriculum folder ".*nope" not found/);
    expect(() => discoverLessons(join(broken, '_common'))).to.throw(InputError, /holds no lesson folders/);
  });
});
