// The CLI built to JavaScript (bin/build.js): the command runs the build, and a build that does not
// match the sources never runs (the command rebuilds first). Each test works on a copy of the
// project's sources in a temporary folder, so it never disturbs the checkout's own dist/.
import { after, before, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/project-root.js';

const COPIED = ['bin', 'src', 'steps', 'support', 'package.json', 'cucumber.js', 'tsx-register.js'];

async function cli(root: string, ...argv: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [join(root, 'bin/netpol-conformance.js'), ...argv], { cwd: root });
}

describe('the built CLI', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'netpol-build-'));
    for (const entry of COPIED) cpSync(join(PROJECT_ROOT, entry), join(root, entry), { recursive: true });
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is built on first use and then run from dist/: --version prints the version of package.json', async () => {
    const { stdout, stderr } = await cli(root, '--version');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(stdout).to.equal(`${version}\n`);
    expect(stderr).to.equal('');
    const current = JSON.parse(readFileSync(join(root, 'dist/current.json'), 'utf8')) as { dir: string; sources: Record<string, string> };
    expect(existsSync(join(root, 'dist', current.dir, 'cli.js'))).to.equal(true);
    expect(Object.keys(current.sources)).to.include.members(['src/cli/main.ts', 'support/hooks.ts', 'steps/reachability.steps.ts', 'bin/build.js']);
  });

  it('rebuilds when a source changed since the build: the change shows at once', async () => {
    await cli(root, '--version');
    const main = join(root, 'src/cli/main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace('What does a Kubernetes NetworkPolicy really do?', 'A freshly edited description.'));
    const { stdout } = await cli(root, '--help');
    expect(stdout).to.include('A freshly edited description.');
  });

  it('rebuilds when a file only got older (a copy that kept old times) or was removed', async () => {
    await cli(root, '--version');
    const before = readFileSync(join(root, 'dist/current.json'), 'utf8');
    utimesSync(join(root, 'src/model/errors.ts'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    await cli(root, '--version');
    const afterTouch = readFileSync(join(root, 'dist/current.json'), 'utf8');
    expect(afterTouch).to.not.equal(before);
    rmSync(join(root, 'steps/validation.steps.ts'));
    await cli(root, '--version');
    const current = JSON.parse(readFileSync(join(root, 'dist/current.json'), 'utf8')) as { sources: Record<string, string> };
    expect(Object.keys(current.sources)).to.not.include('steps/validation.steps.ts');
  });
});
