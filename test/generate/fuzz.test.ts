// fuzz and shrink without real packets: a sim target with one of the engine's faults stands for a
// buggy plugin (it observes the faulty engine's verdicts), and the fuzzer compares it with the
// engine itself. Deterministic for a seed; the shrunk state is 1-minimal (no single candidate of
// it keeps the disagreement); the check budget is respected; candidates never change their input.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { allFlows } from '../../src/engine/index.js';
import type { EngineFault } from '../../src/engine/options.js';
import { probeAndCompare } from '../../src/generate/differential.js';
import { caseState, differentialShape, fuzz, PROBED_PORTS, type FuzzOptions } from '../../src/generate/fuzz.js';
import { randomCluster } from '../../src/generate/random-cluster.js';
import { candidates } from '../../src/generate/shrink-candidates.js';
import { expandClusterPolicies, expandPolicies } from '../../src/generate/templated.js';
import { createSimTarget } from '../../src/targets/sim/sim-target.js';
import { validateDocument } from '../../src/validate/index.js';

const options = (seed: number, cases: number, extra: Partial<FuzzOptions> = {}): FuzzOptions => ({ seed, cases, shape: differentialShape(), perTopology: 10, engine: {}, maxShrinkChecks: 300, ...extra });

async function buggy(fault: EngineFault) {
  return createSimTarget({ fault });
}

describe('fuzz on a buggy sim target', () => {
  it('finds nothing on the spec itself', async () => {
    const summary = await fuzz(await createSimTarget({}), options(5, 60));
    expect(summary.cases).to.equal(60);
    expect(summary.disagreeingCases).to.deep.equal([]);
    expect(summary.flowsProbed).to.be.greaterThan(60 * 50);
  });

  for (const fault of ['except-ignored', 'protocol-any', 'named-port-on-source'] as const) {
    it(`finds '${fault}' and shrinks it to one policy and two endpoints, 1-minimal`, async () => {
      const target = await buggy(fault);
      const summary = await fuzz(target, options(1, 200, { stopAfter: 1 }));
      const finding = summary.findings[0];
      expect(finding, `found within 200 cases`).to.not.equal(undefined);
      if (!finding) return;
      const { state, exhausted } = finding.shrunk;
      expect(exhausted).to.equal(false);
      expect(state.policies).to.have.length(1);
      expect(state.topology.pods.length + state.topology.externals.length).to.equal(2);
      expect(state.ports).to.have.length(1);
      expect(finding.final.reproduced).to.equal(true);
      // 1-minimal: every valid smaller state the shrinker could try agrees with the engine.
      const flowsOf = finding.final.disagreements.map((d) => d.flow);
      for (const candidate of candidates(state, flowsOf)) {
        let policies;
        let clusterPolicies;
        try {
          policies = expandPolicies(candidate.state.policies, candidate.state.topology);
          clusterPolicies = expandClusterPolicies(candidate.state.clusterPolicies, candidate.state.topology);
        } catch {
          continue; // names a pod the candidate removed: never tried
        }
        if ([...policies, ...clusterPolicies].some((p) => validateDocument(p, { file: 't' }).problems.length > 0)) continue;
        if (candidate.state.topology.pods.length + candidate.state.topology.externals.length < 2) continue;
        await target.up(candidate.state.topology);
        await target.apply([...policies, ...clusterPolicies]);
        const result = await probeAndCompare(target, { topology: candidate.state.topology, policies, clusterPolicies }, allFlows(candidate.state.topology, candidate.state.ports), {});
        expect(result.disagreements, `${candidate.what} still disagrees`).to.deep.equal([]);
      }
    });
  }

  it('draws cluster-scoped policies in every other case where the target serves them, and agrees with the engine on them', async () => {
    const tiers = ['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'] as const;
    const states = Array.from({ length: 40 }, (_, i) => caseState({ ...options(6, 1), tiers }, i));
    expect(states.filter((s, i) => i % 2 === 0).every((s) => s.clusterPolicies.length === 0)).to.equal(true);
    expect(states.filter((s) => s.clusterPolicies.length > 0).length).to.be.greaterThan(5);
    expect(states.every((s) => s.clusterPolicies.every((p) => validateDocument(expandClusterPolicies([p], s.topology)[0], { file: 't' }).problems.length === 0))).to.equal(true);
    const onlyCnp = Array.from({ length: 40 }, (_, i) => caseState({ ...options(6, 1), tiers: ['ClusterNetworkPolicy'] }, i));
    expect(onlyCnp.every((s) => s.clusterPolicies.every((p) => p.kind === 'ClusterNetworkPolicy'))).to.equal(true);
    const summary = await fuzz(await createSimTarget({}), options(6, 40, { tiers }));
    expect(summary.disagreeingCases).to.deep.equal([]);
    // A bug in NetworkPolicies found in a case with cluster-scoped policies (seed 8, case 23) is
    // shrunk to no cluster-scoped policy at all.
    const found = await fuzz(await buggy('except-ignored'), options(8, 200, { tiers, stopAfter: 1 }));
    expect(found.findings[0]?.original.clusterPolicies.length).to.be.greaterThan(0);
    expect(found.findings[0]?.shrunk.state.clusterPolicies).to.deep.equal([]);
    expect(found.findings[0]?.shrunk.state.policies).to.have.length(1);
  });

  it('is deterministic for a seed: the same cases, the same findings, the same shrunk states', async () => {
    expect(caseState(options(9, 1), 7)).to.deep.equal(caseState(options(9, 1), 7));
    expect(caseState(options(9, 1), 7)).to.not.deep.equal(caseState(options(10, 1), 7));
    const once = await fuzz(await buggy('except-ignored'), options(3, 80, { maxShrinks: 2 }));
    const again = await fuzz(await buggy('except-ignored'), options(3, 80, { maxShrinks: 2 }));
    expect(once.disagreeingCases.length).to.be.greaterThan(2);
    expect(again.disagreeingCases).to.deep.equal(once.disagreeingCases);
    expect(again.findings.map((f) => f.shrunk.state)).to.deep.equal(once.findings.map((f) => f.shrunk.state));
    expect(once.findings, 'only --max-shrinks of them shrunk').to.have.length(2);
  });

  it('stops after the check budget and says the state may shrink further', async () => {
    const summary = await fuzz(await buggy('except-ignored'), options(1, 200, { stopAfter: 1, maxShrinkChecks: 2 }));
    const finding = summary.findings[0];
    expect(finding?.shrunk.checks).to.equal(2);
    expect(finding?.shrunk.exhausted).to.equal(true);
  });
});

describe('shrink candidates and random states', () => {
  it('candidates never change the state they come from, and each is smaller', () => {
    for (let seed = 0; seed < 20; seed++) {
      const state = caseState(options(seed, 1), 0);
      const before = JSON.stringify(state);
      for (const candidate of candidates(state, [])) expect(JSON.stringify(candidate.state).length, candidate.what).to.be.lessThan(before.length);
      expect(JSON.stringify(state)).to.equal(before);
    }
  });

  it('random policies name pod addresses by template; expanded, the API server accepts every one', () => {
    let templated = 0;
    for (let seed = 0; seed < 300; seed++) {
      const state = caseState(options(seed, 1), seed % 10);
      templated += state.policies.filter((p) => JSON.stringify(p).includes('{{')).length;
      const policies = expandPolicies(state.policies, state.topology);
      expect(JSON.stringify(policies)).to.not.include('{{');
      for (const p of policies) expect(validateDocument(p, { file: 'random' }).problems, `seed ${seed}`).to.deep.equal([]);
    }
    expect(templated, 'some policies use pod-relative ipBlocks').to.be.greaterThan(30);
    expect(JSON.stringify(randomCluster(4, differentialShape()).policies)).to.not.include('{{');
    expect(differentialShape().ports).to.deep.equal(PROBED_PORTS);
  });
});
