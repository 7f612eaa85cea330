// The fuzzer finds real dataplane bugs by itself: for each fault of the netns target
// (src/targets/netns/faults.ts), `fuzz` at a fixed seed finds a disagreement within a bounded number
// of cases, shrinks it to at most two policies and two endpoints, and the feature it writes fails
// on netns with the fault and passes on sim (and on netns without the fault).
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { differentialShape, fuzz } from '../../src/generate/fuzz.js';
import type { PortSpec } from '../../src/model/topology.js';
import { reproFeature } from '../../src/report/repro-feature.js';
import { NETNS_FAULT_NAMES } from '../../src/targets/netns/faults.js';
import { runCli } from '../support/cli.js';
import { netnsUnavailable } from '../netns/support.js';

const unavailable = await netnsUnavailable();
const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 80, protocol: 'UDP' },
];
/** Every fault shows within this many cases of seed 1. */
const BOUND = 30;

describe('fuzz finds every netns fault and shrinks it', { skip: unavailable ?? false }, () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-fuzz-faults-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const fault of NETNS_FAULT_NAMES) {
    it(`${fault}: found within ${BOUND} cases, shrunk to <= 2 policies and 2 endpoints; the feature fails with the fault, passes without`, async () => {
      // This fault only shows where ipBlocks must not match pods: target and engine both say so.
      const noPodIps = fault === 'ipblock-pod-ips';
      const podIpFlags = noPodIps ? ['--no-ipblock-pod-ips'] : [];
      const engine = noPodIps ? { ipBlockMatchesPodIps: false } : {};
      const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
      const target = await createNetnsTarget({ fault, ...engine, probeTimeoutMs: 250 });
      let summary;
      try {
        summary = await fuzz(target, { seed: 1, cases: BOUND, shape: differentialShape(PORTS, true), perTopology: 10, engine, maxShrinkChecks: 200, stopAfter: 1 });
      } finally {
        await target.down();
      }
      const finding = summary.findings[0];
      expect(finding, `a disagreement within ${BOUND} cases`).to.not.equal(undefined);
      if (!finding) return;
      const { state } = finding.shrunk;
      expect(finding.final.reproduced).to.equal(true);
      expect(finding.shrunk.exhausted, 'shrunk until no single removal keeps the bug').to.equal(false);
      expect(state.policies.length).to.be.within(1, 2);
      expect(state.topology.pods.length + state.topology.externals.length, 'a flow needs two ends; nothing more').to.equal(2);

      const file = join(dir, `${fault}.feature`);
      const runFlags = ['--target', 'netns', '--fault', fault, ...podIpFlags];
      writeFileSync(file, reproFeature(finding, { target: `netns --fault ${fault}`, command: 'fuzz', featureFile: file, manifestsFile: `${file}.yaml`, runFlags: runFlags.join(' '), simFlags: ['--target', 'sim', ...podIpFlags].join(' '), engine }));
      const faulty = await runCli('run', ...runFlags, '--reports', join(dir, `${fault}-netns`), '-f', 'rerun', file);
      expect(faulty.code, faulty.out).to.equal(1);
      expect(faulty.out).to.include('0 passed, 1 failed, 0 skipped');
      const sim = await runCli('run', '--target', 'sim', ...podIpFlags, '--reports', join(dir, `${fault}-sim`), '-f', 'rerun', file);
      expect(sim.code, sim.out).to.equal(0);
      expect(sim.out).to.include('1 passed, 0 failed, 0 skipped');
      const fixed = await runCli('run', '--target', 'netns', ...podIpFlags, '--reports', join(dir, `${fault}-fixed`), '-f', 'rerun', file);
      expect(fixed.code, fixed.out).to.equal(0);
    });
  }
});
