// `netpol-conformance fuzz` and `generate`, in-process. fuzz on sim with a simulated plugin bug
// (--sim-fault) finds it, says how far it got on stderr, exits 1 and writes a feature and its
// manifests that pass on the spec and fail on the buggy target; the same seed writes the same
// files; nothing to find exits 0. generate writes one feature per family. Bad flags exit 2.
import { after, before, describe, it } from 'node:test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../support/cli.js';

describe('fuzz command', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-fuzz-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with a summary when the target agrees with the engine everywhere', async () => {
    const { code, out, err } = await runCli('fuzz', '--target', 'sim', '--cases', '20', '--seed', '4', '--out', join(dir, 'none'));
    expect(code, err).to.equal(0);
    expect(out).to.match(/^20 cases, [\d,]+ flows probed \(0 while shrinking, [\d,]+ over IPv6\), 0 disagreeing cases, [\d.]+ s \(\d+ cases\/min, [\d,]+ flows\/s\)\n$/);
    expect(err).to.match(/^fuzz: 10\/20 cases, [\d,]+ flows probed, 0 disagreeing, [\d.]+ s/m);
    expect(existsSync(join(dir, 'none'))).to.equal(false);
  });

  it('finds a buggy target, writes the shrunk feature and manifests, exits 1; the feature passes on sim and fails on the buggy target', async () => {
    const out = join(dir, 'found');
    const run = await runCli('fuzz', '--target', 'sim', '--sim-fault', 'except-ignored', '--cases', '100', '--seed', '1', '--stop-after', '1', '--out', out);
    expect(run.code, run.err).to.equal(1);
    expect(run.out).to.match(/1 disagreeing cases/).and.match(/disagreeing cases: 1-\d+; 1 shrunk and written/);
    expect(run.err).to.match(/case 1-\d+: \d+ flows? disagrees?; shrinking/).and.match(/fuzz: wrote .*fuzz-1-\d+\.feature and .*fuzz-1-\d+\.yaml/);
    const files = readdirSync(out).sort();
    expect(files).to.have.length(2);
    const feature = join(out, files.find((f) => f.endsWith('.feature')) ?? '');
    const text = readFileSync(feature, 'utf8');
    expect(text).to.match(/^# Found by `netpol-conformance fuzz --target sim --cases 100 --seed 1 --ports 80\/TCP,81\/TCP,80\/UDP`: case \d+ of seed 1\./);
    expect(text).to.include('the engine says denied, the sim target saw allowed').and.include('except');
    expect(readFileSync(feature.replace(/\.feature$/, '.yaml'), 'utf8')).to.include('kind: NetworkPolicy').and.include('kind: Pod');
    const reports = join(dir, 'reports');
    const onSpec = await runCli('run', '--target', 'sim', '--reports', reports, '-f', 'rerun', feature);
    expect(onSpec.code, onSpec.out).to.equal(0);
    const onBug = await runCli('run', '--target', 'sim', '--sim-fault', 'except-ignored', '--reports', reports, '-f', 'rerun', feature);
    expect(onBug.code).to.equal(1);
    // The same seed finds and writes the same thing.
    const again = join(dir, 'again');
    await runCli('fuzz', '--target', 'sim', '--sim-fault', 'except-ignored', '--cases', '100', '--seed', '1', '--stop-after', '1', '--out', again);
    expect(readFileSync(join(again, files[0] ?? ''), 'utf8').replace(/^# Reproduce.*$|^# On the engine.*$|^# Manifests.*$/gm, '')).to.equal(
      readFileSync(join(out, files[0] ?? ''), 'utf8').replace(/^# Reproduce.*$|^# On the engine.*$|^# Manifests.*$/gm, ''),
    );
  });

  it('refuses bad flags with exit 2', async () => {
    for (const argv of [['--cases', '0'], ['--seed', '-1'], ['--ports', '80'], ['--ports', ''], ['--target', 'sim', '--fault', 'no-replies'], ['--max-shrink-checks', 'x']]) {
      const { code, err } = await runCli('fuzz', ...argv, '--out', join(dir, 'bad'));
      expect(code, argv.join(' ')).to.equal(2);
      expect(err, argv.join(' ')).to.match(/netpol-conformance: |error: /);
    }
  });
});

describe('generate command', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-generate-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one feature per family asked for, and they pass on sim', async () => {
    const out = join(dir, 'gen');
    const { code, out: text } = await runCli('generate', '--families', 'deny-allow,updates', '--out', out);
    expect(code).to.equal(0);
    expect(readdirSync(out).sort()).to.deep.equal(['deny-allow.feature', 'updates.feature']);
    expect(text).to.include('deny-allow.feature: 14 cases').and.include('updates.feature: 10 cases');
    const feature = readFileSync(join(out, 'updates.feature'), 'utf8');
    expect(feature).to.include('Given the x/y/z model').and.include('When pod "y/b" is labelled "new-label=abc"').and.include('Then the reachability on 80/TCP is:').and.include('And the reachability on 81/UDP is:');
    const run = await runCli('run', '--target', 'sim', '--reports', join(dir, 'reports'), '-f', 'rerun', out);
    expect(run.code, run.out).to.equal(0);
    expect(run.out).to.include('24 passed, 0 failed, 0 skipped');
  });

  it('refuses an unknown family and bad ports with exit 2', async () => {
    const family = await runCli('generate', '--families', 'peers,bogus', '--out', join(dir, 'bad'));
    expect(family.code).to.equal(2);
    expect(family.err).to.include('unknown family "bogus"');
    const ports = await runCli('generate', '--ports', '80/XYZ', '--out', join(dir, 'bad'));
    expect(ports.code).to.equal(2);
    expect(existsSync(join(dir, 'bad'))).to.equal(false);
  });
});
