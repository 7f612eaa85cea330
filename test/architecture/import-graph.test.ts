// The layer test reads imports with a pattern over the source text. Here esbuild, a real parser,
// bundles every source file and lists the imports it followed: the pattern must find each of them.
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { importGraph, sourceFiles } from './import-graph.js';

describe('import graph reader', () => {
  it('finds every import esbuild follows (static, re-export and dynamic) between the project\'s files', async () => {
    const files = sourceFiles('src', 'steps', 'support', 'bench', 'scripts');
    const result = await build({
      entryPoints: files.map((f) => join(PROJECT_ROOT, f)),
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const ours = new Set(importGraph(files).map((e) => `${e.from} -> ${e.to}`));
    const theirs = Object.entries(result.metafile.inputs).flatMap(([from, input]) =>
      input.imports.filter((i) => !i.external && i.path.endsWith('.ts')).map((i) => `${from} -> ${i.path}`),
    );
    expect(theirs.length).to.be.greaterThan(300);
    expect(theirs.filter((edge) => !ours.has(edge))).to.deep.equal([]);
  });
});
