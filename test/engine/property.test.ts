// Property test (fixed seeds): for random small states, the matrix, isAllowed and the explained
// verdict agree on every flow, and all three agree with a naive evaluator written straight from
// docs/semantics.md (./reference.ts, ./reference-tiers.ts), NetworkPolicies and cluster-scoped
// policies of both tiers and both API versions alike. Guards every optimisation of the engine's fast paths.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { allFlows, createEngine } from '../../src/engine/index.js';
import { flowKey } from '../../src/model/verdicts.js';
import { randomCluster } from '../../src/generate/random-cluster.js';
import { Random } from '../../src/generate/random.js';
import { randomClusterPolicies } from '../../src/generate/random-cluster-policies.js';
import { PROPERTY_SHAPE, PROPERTY_TIERS } from './property-shape.js';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';
import { referenceAllowed } from './reference.js';

const STATES = 400;
const PROPERTY_PORTS = PROPERTY_SHAPE.ports;

/** A random cluster with cluster-scoped policies, and whether ipBlock peers match pod addresses. */
function randomState(seed: number): ReturnType<typeof randomCluster> & { clusterPolicies: ClusterPolicy[]; ipBlockMatchesPodIps: boolean | undefined } {
  return { ...randomCluster(seed, PROPERTY_SHAPE), clusterPolicies: randomClusterPolicies(seed, PROPERTY_TIERS), ipBlockMatchesPodIps: new Random(-seed).pick([undefined, true, false]) };
}
const FIRST_SEED = 20240601;

describe('engine property: matrix = isAllowed = verdict().allowed = reference', () => {
  it(`holds for ${STATES} random states (seeds ${FIRST_SEED}..${FIRST_SEED + STATES - 1})`, () => {
    let flowsChecked = 0;
    let allowed = 0;
    let tierDecided = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + STATES; seed++) {
      const state = randomState(seed);
      const options = state.ipBlockMatchesPodIps === undefined ? {} : { ipBlockMatchesPodIps: state.ipBlockMatchesPodIps };
      const engine = createEngine({ topology: state.topology, policies: state.policies, clusterPolicies: state.clusterPolicies }, options);
      const matrix = engine.matrix(PROPERTY_PORTS);
      const n = matrix.endpoints.length;
      const index = new Map(matrix.endpoints.map((id, i) => [id, i]));
      const where = (what: string) => `seed ${seed}: ${what}`;
      for (const flow of allFlows(state.topology, PROPERTY_PORTS)) {
        const p = PROPERTY_PORTS.findIndex((q) => q.port === flow.port && q.protocol === flow.protocol);
        const cell = matrix.allowed[p]?.[(index.get(flow.from) ?? -1) * n + (index.get(flow.to) ?? -1)] === 1;
        const verdict = engine.verdict(flow);
        const expected = referenceAllowed(state.topology, state.policies, flow, state.ipBlockMatchesPodIps ?? true, state.clusterPolicies);
        const key = flowKey(flow);
        expect(verdict.allowed, where(`verdict ${key}`)).to.equal(expected);
        expect(engine.isAllowed(flow), where(`isAllowed ${key}`)).to.equal(expected);
        expect(cell, where(`matrix ${key}`)).to.equal(expected);
        // The explanation is consistent with the verdict.
        expect(verdict.allowed, where(`both directions ${key}`)).to.equal(verdict.egress.allowed && verdict.ingress.allowed);
        for (const d of [verdict.egress, verdict.ingress]) {
          expect(d.isolated, where(`isolated ${key}`)).to.equal(d.isolatingPolicies.length > 0);
          // Where the NetworkPolicy tier decides, the verdict is the union of the isolating rules.
          if (d.decidedBy === undefined || d.decidedBy === 'networkpolicy') expect(d.allowed, where(`allowedBy ${key}`)).to.equal(!d.isolated || d.allowedBy.length > 0);
          // A decision of a tier names its rule, whose action is the verdict.
          if (d.decidedBy === 'admin' || d.decidedBy === 'baseline') expect(d.allowed, where(`tier rule ${key}`)).to.equal(d.tierRule?.action !== 'Deny');
          if (d.decidedBy === 'admin') tierDecided++;
        }
        flowsChecked++;
        if (expected) allowed++;
      }
      // Cells never judged stay 0: self pairs and external-to-external pairs.
      matrix.allowed.forEach((table) => {
        for (let i = 0; i < n; i++) {
          expect(table[i * n + i], where('self cell')).to.equal(0);
          for (let j = 0; j < n; j++) if (matrix.external[i] && matrix.external[j]) expect(table[i * n + j], where('external pair')).to.equal(0);
        }
      });
      // Policies are additive and cluster policies are ordered by priority: the order they are
      // given in never changes a verdict.
      const reversed = createEngine({ topology: state.topology, policies: [...state.policies].reverse(), clusterPolicies: [...state.clusterPolicies].reverse() }, options).matrix(PROPERTY_PORTS);
      expect(reversed.allowed, where('reversed policy order')).to.deep.equal(matrix.allowed);
    }
    // The generator must produce a real mix, or the property says little.
    expect(flowsChecked).to.be.greaterThan(20000);
    expect(allowed / flowsChecked).to.be.within(0.2, 0.9);
    // ... and the Admin tier decides a real share of the directions.
    expect(tierDecided / flowsChecked).to.be.within(0.05, 0.9);
  });
});
