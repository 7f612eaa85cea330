// fuzz in both address families: IPv6 hosts and pods with an IPv6 first address in the shape, and
// every pair of (dual-stack) pods probed in the family it does not use by default too. A target
// wrong only in that other family is found, shrunk, and its reproduction claims the flow over
// that family (a truth table over IPv6), which passes on the engine.
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { differentialShape, fuzz, otherFamilyFlows, type FuzzOptions } from '../../src/generate/fuzz.js';
import { buildTopology } from '../../src/model/build-topology.js';
import { namespaceObject, podObject } from '../../src/model/objects.js';
import type { Observation } from '../../src/model/verdicts.js';
import { reproFeature, reproManifests } from '../../src/report/repro-feature.js';
import { discard, runSuite } from '../../src/runner/run-suite.js';
import { createSimTarget } from '../../src/targets/sim/sim-target.js';
import type { Target } from '../../src/targets/target.js';

const options = (seed: number, cases: number, extra: Partial<FuzzOptions> = {}): FuzzOptions => ({
  seed,
  cases,
  shape: differentialShape(undefined, true, true),
  otherFamily: true,
  perTopology: 10,
  engine: {},
  maxShrinkChecks: 300,
  ...extra,
});

/** The sim target, except that every flow asked for over IPv6 explicitly comes out the other way. */
async function wrongOverIpv6(): Promise<Target> {
  const sim: Target = await createSimTarget({});
  const probe = sim.probe.bind(sim);
  const flip = (o: Observation): Observation => (o.kind === 'verdict' && o.flow.family === 6 ? { ...o, verdict: { ...o.verdict, allowed: !o.verdict.allowed } } : o);
  return Object.assign(Object.create(sim) as Target, { probe: async (...args: Parameters<Target['probe']>) => (await probe(...args)).map(flip) });
}

describe('fuzz over both address families', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-fuzz-ipv6-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('draws IPv6 hosts and pods and probes every pod pair in its other family; the engine agrees with itself', async () => {
    const summary = await fuzz(await createSimTarget({}), options(4, 30));
    expect(summary.disagreeingCases).to.deep.equal([]);
    expect(summary.ipv6Flows).to.be.greaterThan(30 * 20);
    expect(summary.flowsProbed).to.be.greaterThan(summary.ipv6Flows);
  });

  it('adds one flow per ordered pair of pods, in the family that pair does not use by default', () => {
    const topology = buildTopology([
      namespaceObject('x', {}),
      podObject('x', 'a', {}, [{ port: 80, protocol: 'TCP' }], '10.244.1.1'),
      podObject('x', 'b', {}, [{ port: 80, protocol: 'TCP' }], 'fd00::1:2'),
      podObject('x', 'c', {}, [{ port: 80, protocol: 'TCP' }], '10.244.1.3'),
    ]);
    const flows = otherFamilyFlows(topology, { port: 80, protocol: 'TCP' });
    const text = flows.map((f) => `${f.from}>${f.to}/${f.family}`).sort();
    // To an IPv4 pod flows go over IPv4 by default, so the other family is IPv6; to b, the reverse.
    expect(text).to.deep.equal(['x/a>x/b/4', 'x/a>x/c/6', 'x/b>x/a/6', 'x/b>x/c/6', 'x/c>x/a/6', 'x/c>x/b/4']);
  });

  it('finds a target wrong only in the other family, and the reproduction claims it over that family', async () => {
    const summary = await fuzz(await wrongOverIpv6(), options(2, 20, { stopAfter: 1 }));
    const finding = summary.findings[0];
    expect(finding, 'found within 20 cases').to.not.equal(undefined);
    if (!finding) return;
    expect(finding.final.reproduced).to.equal(true);
    expect(finding.final.disagreements.every((d) => d.flow.family === 6)).to.equal(true);
    const feature = reproFeature(finding, { target: 'sim', command: 'fuzz', featureFile: 'repro.feature', manifestsFile: 'repro.yaml', runFlags: '--target sim', simFlags: '--target sim', engine: {} });
    expect(feature).to.match(/the reachability on \d+\/(TCP|UDP) over IPv6 is:/);
    expect(feature).to.match(/ over IPv6: the engine says (allowed|denied), the sim target saw/);
    expect(feature).to.match(/^ {2}(@\S+ )*@ipv6( |$)/m);
    writeFileSync(join(dir, 'repro.feature'), feature);
    writeFileSync(join(dir, 'repro.yaml'), reproManifests(finding));
    const result = await runSuite({ target: { name: 'sim', options: {} }, paths: [join(dir, 'repro.feature')], quiet: true, stdout: discard(), stderr: discard() });
    expect(result.scenarios.map((s) => `${s.name}: ${s.status} ${s.message ?? ''}`)).to.deep.equal([`${result.scenarios[0]?.name ?? ''}: passed `]);
  });
});
