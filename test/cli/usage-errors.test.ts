// What a new user mistypes gets one line and the documented exit code, before anything runs:
// malformed tag expressions, unknown formats, missing feature paths, flags that concern none of the
// chosen targets, ports without a protocol, bad external hosts (2); empty input to matrix and
// explain (1); a target that cannot start (3), found before any other target ran and leaving no
// report folder behind. A feature file that does not parse fails with its line; the others run.
import { after, before, describe, it } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Command } from 'commander';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { CUCUMBER_FORMATS } from '../../src/cli/commands/suite-flags.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { runCli } from '../support/cli.js';

const LESSON = 'features/lessons/network-policies.feature';
const TOPOLOGY = 'fixtures/lessons/network-policies/topology.yaml';
const USAGE_HINT = '(run with --help for usage)';

/** The message line of a usage error (the second line is the --help hint). */
function usageLine(err: string): string {
  const lines = err.trim().split('\n');
  expect(lines, err).to.have.length(2);
  expect(lines[1]).to.equal(USAGE_HINT);
  return lines[0] ?? '';
}

describe('usage errors (exit 2), one line each', () => {
  for (const command of ['run', 'compare']) {
    it(`${command} --tags with a malformed expression names it and says what is wrong`, async () => {
      const targets = command === 'compare' ? ['--target', 'sim', '--target', 'netns'] : [];
      const { code, err } = await runCli(command, ...targets, '--tags', '@ingress and', LESSON);
      expect(code).to.equal(2);
      expect(usageLine(err)).to.equal('netpol-conformance: --tags "@ingress and": not a tag expression (Expected operand); write e.g. "@ingress and not @sctp"');
    });
  }

  it('run --tags with a word that is not a tag', async () => {
    const { code, err } = await runCli('run', '--tags', 'ingress and not @sctp', LESSON);
    expect(code).to.equal(2);
    expect(usageLine(err)).to.equal('netpol-conformance: --tags "ingress and not @sctp": "ingress" is not a tag (tags start with @, e.g. @ingress)');
  });

  it('run -f with an unknown format lists the formats that exist', async () => {
    const { code, err } = await runCli('run', '-f', 'nosuchformat', LESSON);
    expect(code).to.equal(2);
    expect(usageLine(err)).to.equal(`netpol-conformance: --format "nosuchformat": no such format; choose one of ${CUCUMBER_FORMATS.join(', ')} (or NAME:FILE, or a formatter module's path)`);
  });

  it('the formats listed are exactly cucumber’s built-in ones', () => {
    const builtin = readFileSync(join(PROJECT_ROOT, 'node_modules/@cucumber/cucumber/lib/formatter/builtin/index.js'), 'utf8');
    const block = /const builtin = \{([\s\S]*?)\};/.exec(builtin)?.[1] ?? '';
    const names = [...block.matchAll(/^\s*'?([a-z-]+)'?:/gm)].map((m) => m[1]);
    const byName = (a: string | undefined, b: string | undefined): number => (a ?? '').localeCompare(b ?? '');
    expect([...CUCUMBER_FORMATS].sort(byName)).to.deep.equal(names.sort(byName));
  });

  it('run with a path that does not exist names it', async () => {
    const { code, err } = await runCli('run', '/path/that/does/not/exist.feature', LESSON);
    expect(code).to.equal(2);
    expect(usageLine(err)).to.equal('netpol-conformance: no such feature file or folder: /path/that/does/not/exist.feature');
  });

  it('compare with a path that does not exist names it', async () => {
    const { code, err } = await runCli('compare', '--target', 'sim', '--target', 'netns', 'features/nope');
    expect(code).to.equal(2);
    expect(usageLine(err)).to.equal('netpol-conformance: no such feature file or folder: features/nope');
  });

  const flagCases: [string, string[], string][] = [
    ['--drop on sim', ['run', '--drop', LESSON], '--drop is about the netns target; it does nothing on sim'],
    ['--no-ipblock-pod-ips on a cluster', ['run', '--target', 'cluster:x', '--no-ipblock-pod-ips', LESSON], '--no-ipblock-pod-ips is about the sim and netns targets; it does nothing on cluster'],
    ['--context on netns', ['matrix', '-f', TOPOLOGY, '--target', 'netns', '--context', 'c'], '--context is about the cluster target; it does nothing on netns'],
    ['--drop on compare without netns', ['compare', '--target', 'sim', '--target', 'cluster:x', '--drop', LESSON], '--drop is about the netns target; it does nothing on sim, cluster'],
    ['explain --port without protocol', ['explain', '-f', TOPOLOGY, '--from', 'prod/api', '--to', 'prod/db', '--port', '3306'], '--port: "3306" needs a protocol (3306/TCP, /UDP or /SCTP)'],
    ['matrix --port without protocol', ['matrix', '-f', TOPOLOGY, '--port', '80'], '--port: "80" needs a protocol (80/TCP, /UDP or /SCTP)'],
    ['--external with a bad address', ['matrix', '-f', TOPOLOGY, '--port', '80/TCP', '--external', 'backup=999.1.1.1'], '--external "backup=999.1.1.1": "999.1.1.1" is not an IP address (write NAME=IP, e.g. backup=192.168.5.10 or backup=2001:db8::5)'],
    ['--external without an address', ['matrix', '-f', TOPOLOGY, '--port', '80/TCP', '--external', 'backup'], '--external "backup": write NAME=IP, e.g. backup=192.168.5.10'],
  ];
  for (const [name, argv, message] of flagCases) {
    it(name, async () => {
      const { code, err } = await runCli(...argv);
      expect(code, err).to.equal(2);
      expect(usageLine(err)).to.equal(`netpol-conformance: ${message}`);
    });
  }

  it('compare takes --drop and --no-ipblock-pod-ips to the targets they concern', async () => {
    const seen: unknown[] = [];
    const ctx = { io: { out: () => undefined, err: () => undefined }, exitCode: 0 };
    const program = new Command().exitOverride().addCommand(
      compareCommand(
        ctx,
        async (options) => {
          seen.push(options.target);
          return { target: options.target.name, success: true, scenarios: [{ id: '1', name: 's', uri: 'f', file: 'f', line: 1, tags: [], status: 'passed' }] };
        },
        async () => undefined,
      ),
    );
    const reports = mkdtempSync(join(tmpdir(), 'netpol-compare-flags-'));
    try {
      await program.parseAsync(['compare', '--target', 'sim', '--target', 'netns', '--drop', '--no-ipblock-pod-ips', '--reports', reports, LESSON], { from: 'user' });
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
    expect(seen).to.deep.equal([
      { name: 'sim', options: { ipBlockMatchesPodIps: false } },
      { name: 'netns', options: { ipBlockMatchesPodIps: false, denyAction: 'drop' } },
    ]);
  });
});

describe('nothing to show is an error (exit 1), the same in every command', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-empty-'));
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'policy-only.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: x}\nspec: {podSelector: {}}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const command of ['matrix', 'explain', 'validate']) {
    it(`${command} on an empty folder`, async () => {
      const args = command === 'explain' ? ['--from', 'x/a', '--to', 'x/b', '--port', '80/TCP'] : command === 'matrix' ? ['--port', '80/TCP'] : [];
      const { code, out, err } = await runCli(command, '-f', join(dir, 'empty'), ...args);
      expect(code).to.equal(1);
      expect(`${out}${err}`).to.include(`${join(dir, 'empty')}`);
      expect(`${out}${err}`).to.include('no objects found (looked for .yaml, .yml and .json files)');
    });
  }

  it('matrix on a policy without pods says why there is no table', async () => {
    const file = join(dir, 'policy-only.yaml');
    const { code, out, err } = await runCli('matrix', '-f', file, '--port', '80/TCP');
    expect(code).to.equal(1);
    expect(out).to.equal('');
    expect(err).to.equal(`netpol-conformance: nothing to show: ${file} declares no pods; a matrix needs at least two endpoints (Pods in the manifests, or external hosts: --external NAME=IP)\n`);
  });
});

describe('a target that cannot start (exit 3)', () => {
  let dir: string;
  const saved = process.env.KUBECONFIG;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-nostart-'));
    // An empty kubeconfig: the cluster target cannot connect anywhere.
    writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    process.env.KUBECONFIG = join(dir, 'kubeconfig');
  });
  after(() => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('run leaves no report folder behind', async () => {
    const reports = join(dir, 'reports');
    const { code, err } = await runCli('run', '--target', 'cluster', '--reports', reports, LESSON);
    expect(code, err).to.equal(3);
    expect(err.trim().split('\n')).to.have.length(1);
    expect(existsSync(reports)).to.equal(false);
  });

  it('compare finds it before running any target', async () => {
    const errors: string[] = [];
    const { main } = await import('../../src/cli/main.js');
    const ctxIo = { out: () => undefined, err: (t: string) => void errors.push(t) };
    const code = await main(['compare', '--target', 'sim', '--target', 'cluster', '--reports', join(dir, 'compare'), LESSON], ctxIo);
    expect(code, errors.join('')).to.equal(3);
    expect(errors.join('')).to.not.include('running on sim');
    expect(existsSync(join(dir, 'compare'))).to.equal(false);
  });
});

describe('a feature file that does not parse', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-syntax-'));
    writeFileSync(join(dir, 'a-good.feature'), readFileSync(join(PROJECT_ROOT, LESSON), 'utf8'));
    writeFileSync(join(dir, 'b-bad.feature'), 'Feature: broken\n  Scenario: one\n    Given the x/y/z model\n  | not a table row of a step\n    Thenn nothing\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with its line; the other files of the folder run', async () => {
    const { code, out } = await runCli('run', dir, '--reports', join(dir, 'reports'), '-f', 'rerun');
    expect(code).to.equal(1);
    expect(out).to.include(`Not run, the feature file does not parse:\n  ${join(dir, 'b-bad.feature')}:5: expected:`);
    expect(out.trimEnd().split('\n').at(-1)).to.equal('12 passed, 0 failed, 0 skipped, 1 feature file not parsed');
  });
});
