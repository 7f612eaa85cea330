// A newcomer's first screen is the tool's output, not npm's warnings: npx on the machine's node
// (older than the Node 24 the code runs on) prints no EBADENGINE block, and every dependency's
// install script has been reviewed (package.json's allowScripts), so npm ci prints no advisory.
import { describe, it } from 'node:test';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { userEnv } from '../support/user-shell.js';

const run = (file: string, args: string[]): Promise<{ stdout: string; stderr: string }> =>
  promisify(execFile)(file, args, { cwd: PROJECT_ROOT, env: userEnv() });

const npmVersion = spawnSync('npm', ['--version'], { env: userEnv(), encoding: 'utf8' }).stdout.trim();
const [npmMajor = 0, npmMinor = 0] = npmVersion.split('.').map(Number);
const hasAllowScripts = npmMajor > 11 || (npmMajor === 11 && npmMinor >= 16);

describe('npm around the command', () => {
  it('npx netpol-conformance --version on the machine’s node prints the version and nothing else', async () => {
    const { stdout, stderr } = await run('npx', ['netpol-conformance', '--version']);
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(stdout).to.equal(`${version}\n`);
    expect(stderr).to.equal('');
  });

  it('every install script of the dependencies is reviewed in allowScripts', { skip: hasAllowScripts ? false : `npm ${npmVersion} has no allowScripts (npm >= 11.16)` }, async () => {
    const { stdout } = await run('npm', ['install-scripts', 'ls']);
    expect(stdout.trim()).to.equal('No packages with unreviewed install scripts.');
  });
});
