// Fuzzing the cluster target, against the fake API server: one set of namespaces and pods serves
// every case (only policies change, cluster-scoped ones included), every probe round costs at most
// one exec per source pod, and a
// data plane with a plugin bug (the engine's except-ignored fault) is found, shrunk to a minimal
// state on the "cluster", and every object the run created is gone afterwards.
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { differentialShape, fuzz, type FuzzOptions } from '../../src/generate/fuzz.js';
import { CLUSTER_POLICY_KINDS } from '../../src/model/cluster-policy.js';
import type { PortSpec } from '../../src/model/topology.js';
import type { ClusterTarget } from '../../src/targets/cluster/cluster-target.js';
import type { Target } from '../../src/targets/target.js';
import { clusterTarget, harness, runNamespaces, type Harness } from './helpers.js';

const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
];

function options(seed: number, cases: number): FuzzOptions {
  return { seed, cases, shape: differentialShape(PORTS, false), perTopology: Infinity, engine: {}, tiers: CLUSTER_POLICY_KINDS, maxShrinkChecks: 150 };
}

/** Records, for every probe() call, how many execs each source pod cost. */
function countingExecs(target: ClusterTarget, h: Harness): { target: Target; perCall: Map<string, number>[] } {
  const perCall: Map<string, number>[] = [];
  const probe = target.probe.bind(target);
  const wrapped: Target = Object.assign(Object.create(target) as ClusterTarget, {
    probe: async (...args: Parameters<Target['probe']>) => {
      const mark = h.fake.execs.length;
      const result = await probe(...args);
      const counts = new Map<string, number>();
      for (const e of h.fake.execs.slice(mark)) counts.set(`${e.namespace}/${e.pod}`, (counts.get(`${e.namespace}/${e.pod}`) ?? 0) + 1);
      perCall.push(counts);
      return result;
    },
  });
  return { target: wrapped, perCall };
}

describe('fuzz on the cluster target (fake API server)', () => {
  describe('a correct data plane', () => {
    let h: Harness;
    before(async () => {
      h = await harness({ denyAs: 'refused' });
    });
    after(async () => h.close());

    it('agrees on every case, builds the pods once and changes only policies, one exec per source pod per probe', async () => {
      const cluster = await clusterTarget(h, { runId: 'fz0' });
      const { target, perCall } = countingExecs(cluster, h);
      const summary = await fuzz(target, options(3, 12));
      const podCreates = h.fake.requests.filter((r) => r.method === 'POST' && /\/pods$/.test(r.path));
      const policyWrites = h.fake.requests.filter((r) => /\/networkpolicies\//.test(r.path) && (r.method === 'PATCH' || r.method === 'DELETE'));
      await cluster.down();
      expect(summary.disagreeingCases).to.deep.equal([]);
      expect(summary.cases).to.equal(12);
      expect(summary.flowsProbed).to.be.greaterThan(12 * 10);
      // One topology for the run: each pod created once, whatever the number of cases.
      expect(podCreates.length).to.be.within(3, 6);
      expect(new Set(podCreates.map((r) => `${r.path} ${r.body}`)).size).to.equal(podCreates.length);
      expect(policyWrites.length).to.be.greaterThan(12);
      const tierWrites = h.fake.requests.filter((r) => r.path.startsWith('/apis/policy.networking.k8s.io/') && (r.method === 'PATCH' || r.method === 'DELETE' || r.method === 'POST'));
      expect(tierWrites.length, 'cluster-scoped policies applied and removed too').to.be.greaterThan(0);
      // No disagreement, so no re-probe: exactly one exec per source pod per probe() call.
      expect(perCall).to.have.length(12);
      for (const counts of perCall) expect([...counts.values()].every((n) => n === 1)).to.equal(true);
      expect(runNamespaces(h.fake, 'fz0')).to.deep.equal([]);
      expect([...h.fake.store.clusterPolicies.values()], 'cluster-scoped policies deleted too').to.deep.equal([]);
    });
  });

  describe('a data plane that ignores ipBlock except', () => {
    let h: Harness;
    before(async () => {
      h = await harness({ denyAs: 'refused', fault: 'except-ignored' });
    });
    after(async () => h.close());

    it('finds the bug, shrinks it on the cluster to one policy and two pods, and leaves nothing behind', async () => {
      const cluster = await clusterTarget(h, { runId: 'fz1', probeRounds: 2 });
      const { target, perCall } = countingExecs(cluster, h);
      const summary = await fuzz(target, { ...options(1, 40), stopAfter: 1 });
      await cluster.down();
      expect(summary.findings, 'a disagreement within 40 cases of seed 1').to.have.length(1);
      const finding = summary.findings[0];
      if (!finding) return;
      const { state } = finding.shrunk;
      expect(finding.final.reproduced, JSON.stringify({ kept: finding.shrunk.kept, final: finding.final, state: finding.shrunk.state }, null, 1)).to.equal(true);
      expect(state.policies).to.have.length(1);
      expect(state.policies[0]?.spec.ingress?.[0]?.from?.[0]?.ipBlock?.except ?? state.policies[0]?.spec.egress?.[0]?.to?.[0]?.ipBlock?.except, 'the bug needs an except').to.have.length.greaterThan(0);
      expect(state.topology.pods.length + state.topology.externals.length).to.equal(2);
      expect(finding.final.disagreements.every((d) => d.expected === 'denied' && d.observation.kind === 'probe' && d.observation.outcome === 'connected')).to.equal(true);
      // Bounded re-probing: a flow that disagrees is probed again at most probeRounds times, each
      // round one exec per source pod.
      for (const counts of perCall) expect(Math.max(...counts.values())).to.be.at.most(2);
      // Cleaned up: no namespace, pod or policy of the run is left on the cluster.
      expect(runNamespaces(h.fake, 'fz1')).to.deep.equal([]);
      expect([...h.fake.store.pods.values()]).to.deep.equal([]);
      expect([...h.fake.store.policies.values()]).to.deep.equal([]);
      expect([...h.fake.store.clusterPolicies.values()]).to.deep.equal([]);
    });
  });
});
