// Engine verdicts against netns observations on a fixed-seed sample of random clusters, through
// `fuzz`: every flow must agree, every other case with cluster-scoped policies of both tiers and
// both API versions too. A disagreement fails with the shrunk feature that reproduces it.
// (bench/netns.ts runs the same on 200 cases.)
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { differentialShape, fuzz } from '../../src/generate/fuzz.js';
import { CLUSTER_POLICY_KINDS } from '../../src/model/cluster-policy.js';
import { describeFindings } from '../../src/report/repro-feature.js';
import type { Target } from '../../src/targets/target.js';
import { netnsUnavailable } from './support.js';

const unavailable = await netnsUnavailable();

describe('netns target agrees with the engine on random clusters', { skip: unavailable ?? false }, () => {
  let target: Target;
  before(async () => {
    const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
    target = await createNetnsTarget({});
  });
  after(async () => {
    await target?.down();
  });

  it('on 24 cases over 3 topologies (seed 7), ipBlock matching pod IPs', async () => {
    // Both families where the kernel has IPv6: IPv6 hosts, pods with an IPv6 first address, IPv6
    // networks, and every pod pair in its other family too.
    const ipv6 = !target.lacking.has('ipv6');
    const summary = await fuzz(target, { seed: 7, cases: 24, shape: differentialShape(undefined, true, ipv6), otherFamily: ipv6, perTopology: 8, engine: {}, tiers: CLUSTER_POLICY_KINDS, maxShrinkChecks: 100 });
    expect(summary.flowsProbed).to.be.greaterThan(24 * 50);
    if (ipv6) expect(summary.ipv6Flows).to.be.greaterThan(24 * 20);
    expect(summary.disagreeingCases, describeFindings(summary, 'netns')).to.deep.equal([]);
  });

  it('with ipBlock not matching pod IPs (seed 11)', async () => {
    const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
    const strict = await createNetnsTarget({ ipBlockMatchesPodIps: false });
    try {
      const engine = { ipBlockMatchesPodIps: false };
      const summary = await fuzz(strict, { seed: 11, cases: 8, shape: differentialShape(), perTopology: 8, engine, tiers: CLUSTER_POLICY_KINDS, maxShrinkChecks: 100 });
      expect(summary.disagreeingCases, describeFindings(summary, 'netns --no-ipblock-pod-ips', engine)).to.deep.equal([]);
    } finally {
      await strict.down();
    }
  });
});
