// Engine verdicts against netns observations on a fixed-seed sample of random clusters: every flow
// must agree. (bench/netns.ts runs the same comparison on 200+ cases.)
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import { describeMismatches, runDifferential } from '../../testkit/differential.js';
import { DIFFERENTIAL_SHAPE, DIFFERENTIAL_TIERS, randomCases } from '../../testkit/random-cluster.js';
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
    const cases = randomCases(7, 24, DIFFERENTIAL_SHAPE, 8, DIFFERENTIAL_TIERS);
    const result = await runDifferential(target, cases);
    expect(result.flows).to.be.greaterThan(24 * 50);
    expect(result.mismatches, describeMismatches(result.mismatches, cases)).to.deep.equal([]);
  });

  it('with ipBlock not matching pod IPs (seed 11)', async () => {
    const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
    const strict = await createNetnsTarget({ ipBlockMatchesPodIps: false });
    try {
      const cases = randomCases(11, 8, DIFFERENTIAL_SHAPE, 8, DIFFERENTIAL_TIERS);
      const result = await runDifferential(strict, cases, { ipBlockMatchesPodIps: false });
      expect(result.mismatches, describeMismatches(result.mismatches, cases)).to.deep.equal([]);
    } finally {
      await strict.down();
    }
  });
});
