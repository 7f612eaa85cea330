import { describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { candidatePaths, findManifestReferences, resolveReference } from '../../src/curriculum/references.js';
import { PROJECT_ROOT } from '../../src/project-root.js';

describe('findManifestReferences', () => {
  it('finds every step that names a manifest, with its line and use', () => {
    const text = [
      'Feature: f',
      '  Background:',
      '    Given the manifests in "topology.yaml"',
      '  Scenario: s',
      '    When the manifest "deny-all.yaml" is applied',
      '    And the manifest "../_common/allow.yml" is applied',
      '    When the manifest "bad.yaml" is validated',
      '    Then shop/a can connect to shop/b on 80/TCP',
    ].join('\n');
    expect(findManifestReferences(text)).to.deep.equal([
      { line: 3, path: 'topology.yaml', use: 'declare' },
      { line: 5, path: 'deny-all.yaml', use: 'apply' },
      { line: 6, path: '../_common/allow.yml', use: 'apply' },
      { line: 7, path: 'bad.yaml', use: 'validate' },
    ]);
  });

  it('ignores doc strings and comments', () => {
    const text = [
      '  # When the manifest "commented.yaml" is applied',
      '    When this policy is applied:',
      '      """',
      '      When the manifest "inside-doc-string.yaml" is applied',
      '      """',
      '    When the manifest "real.yaml" is applied',
    ].join('\n');
    expect(findManifestReferences(text).map((r) => r.path)).to.deep.equal(['real.yaml']);
  });
});

describe('resolveReference', () => {
  it('looks in the feature folder first, then the current directory, then the project root', () => {
    const root = mkdtempSync(join(tmpdir(), 'netpol-refs-'));
    try {
      mkdirSync(join(root, 'lesson'));
      const feature = join(root, 'lesson', 'lesson.feature');
      writeFileSync(join(root, 'lesson', 'local.yaml'), 'x: 1\n');
      writeFileSync(join(root, 'shared.yaml'), 'x: 1\n');
      expect(resolveReference(feature, 'local.yaml', root)).to.equal(join(root, 'lesson', 'local.yaml'));
      expect(resolveReference(feature, 'shared.yaml', root)).to.equal(join(root, 'shared.yaml'));
      expect(resolveReference(feature, 'nowhere.yaml', root)).to.equal(undefined);
      expect(candidatePaths(feature, 'nowhere.yaml', root)).to.deep.equal([join(root, 'lesson', 'nowhere.yaml'), join(root, 'nowhere.yaml'), join(PROJECT_ROOT, 'nowhere.yaml')]);
      // The project's own features name fixtures/... and still find them when run from elsewhere.
      expect(resolveReference(join(PROJECT_ROOT, 'features/lessons/x.feature'), 'fixtures/lessons/network-policies/topology.yaml', root)).to.equal(
        join(PROJECT_ROOT, 'fixtures/lessons/network-policies/topology.yaml'),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
