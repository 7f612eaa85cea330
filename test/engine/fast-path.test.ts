// Property test of the fast path (src/engine/fast) against the explaining engine, which stays as
// the reference, and against the naive evaluators (./reference.ts, ./reference-tiers.ts), with
// fixed seeds: every pair of every port of thousands of random states, every engine option and
// fault, one-source and one-destination queries and isAllowed. States come from two generators:
// small states drawn from every feature, and states built to break equivalence classes (replicas
// with one odd pod); most carry cluster-scoped policies of both tiers and both API versions
// (priorities drawn from a small set, so same-priority ties occur), over hostNetwork pods too.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { createEngine, createExplainingEngine, judged, type EngineOptions } from '../../src/engine/index.js';
import type { NetworkPolicy } from '../../src/model/api.js';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';
import type { Topology } from '../../src/model/topology.js';
import { FastEngine } from '../../src/engine/fast/fast-engine.js';
import { classStressState } from './class-stress-state.js';
import { randomCluster } from '../../src/generate/random-cluster.js';
import { randomClusterPolicies } from '../../src/generate/random-cluster-policies.js';
import { Random } from '../../src/generate/random.js';
import { PROPERTY_SHAPE, PROPERTY_TIERS } from './property-shape.js';
import { referenceAllowed } from './reference.js';

const PORTS = PROPERTY_SHAPE.ports;
const FAULTS: EngineOptions[] = [{ fault: 'protocol-any' }, { fault: 'except-ignored' }, { fault: 'named-port-on-source' }];

interface Tally {
  states: number;
  pairs: number;
  allowed: number;
  naive: number;
  classes: number;
  endpoints: number;
  /** States where some pairs travel over IPv4 and others over IPv6 (the fast path puts rows together by family). */
  mixedFamilies: number;
  /** isAllowed checks of flows that name their family. */
  familyFlows: number;
  /** States with cluster-scoped policies, and pairs where they changed the verdict. */
  tiered: number;
  tierChanged: number;
}

/** Every disagreement of the fast path with the explaining engine (and a sample against the naive one). */
function disagreements(topology: Topology, policies: NetworkPolicy[], clusterPolicies: ClusterPolicy[], options: EngineOptions, naiveShare: number, seed: number, tally: Tally): string[] {
  const state = { topology, policies, clusterPolicies };
  const fast = createEngine(state, options);
  const explaining = createExplainingEngine(state, options);
  const reference = explaining.matrix(PORTS);
  const reach = fast.reachability(PORTS);
  // The same state without its cluster-scoped policies: where the tiers made a difference.
  const untiered = clusterPolicies.length > 0 ? new FastEngine({ topology, policies }, options).reachability(PORTS) : undefined;
  const { endpoints, external } = reference;
  const n = endpoints.length;
  const found: string[] = [];
  const r = new Random(seed);
  const random = (): number => r.int(1 << 30) / (1 << 30);
  const say = (what: string, p: number, i: number, j: number, got: boolean, want: boolean): void => {
    if (found.length < 10) found.push(`${what} ${endpoints[i]} -> ${endpoints[j]} ${PORTS[p]?.port}/${PORTS[p]?.protocol}: fast ${got}, reference ${want}`);
  };
  expect(reach.endpoints).to.deep.equal(endpoints);
  PORTS.forEach((port, p) => {
    const table = reference.allowed[p] ?? new Uint8Array(0);
    const row = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      reach.row(p, i, row);
      for (let j = 0; j < n; j++) {
        const want = table[i * n + j] === 1;
        if (reach.allowed(p, i, j) !== want) say('pair', p, i, j, !want, want);
        if ((row[j] === 1) !== want) say('row', p, i, j, !want, want);
        if (!judged(external, i, j)) continue;
        tally.pairs++;
        if (want) tally.allowed++;
        if (untiered && untiered.allowed(p, i, j) !== want) tally.tierChanged++;
        if (!options.fault && random() < naiveShare) {
          tally.naive++;
          const flow = { from: endpoints[i] ?? '', to: endpoints[j] ?? '', port: port.port, protocol: port.protocol };
          if (referenceAllowed(topology, policies, flow, options.ipBlockMatchesPodIps ?? true, clusterPolicies) !== want) say('naive', p, i, j, !want, want);
        }
      }
    }
  });
  // One source, one destination, and isAllowed past the explaining path's first calls.
  for (let k = 0; k < 3 && n > 1; k++) {
    const e = Math.floor(random() * n);
    const from = fast.reachableFrom(endpoints[e] ?? '', PORTS);
    const to = fast.reachableTo(endpoints[e] ?? '', PORTS);
    PORTS.forEach((_, p) => {
      const table = reference.allowed[p] ?? new Uint8Array(0);
      for (let o = 0; o < n; o++) {
        if ((from[p]?.[o] === 1) !== (table[e * n + o] === 1)) say('reachableFrom', p, e, o, from[p]?.[o] === 1, table[e * n + o] === 1);
        if ((to[p]?.[o] === 1) !== (table[o * n + e] === 1)) say('reachableTo', p, o, e, to[p]?.[o] === 1, table[o * n + e] === 1);
      }
    });
  }
  for (let k = 0; k < 40 && n > 1; k++) {
    const [i, j, p] = [Math.floor(random() * n), Math.floor(random() * n), Math.floor(random() * PORTS.length)];
    if (i === j) continue;
    const port = PORTS[p] ?? { port: 80, protocol: 'TCP' as const };
    const got = fast.isAllowed({ from: endpoints[i] ?? '', to: endpoints[j] ?? '', port: port.port, protocol: port.protocol });
    if (got !== (reference.allowed[p]?.[i * n + j] === 1) && judged(external, i, j)) say('isAllowed', p, i, j, got, !got);
    // A flow in a family it names, which may not be the one its pair travels in by default.
    const family = random() < 0.5 ? 4 : 6;
    const named = { from: endpoints[i] ?? '', to: endpoints[j] ?? '', port: port.port, protocol: port.protocol, family } as const;
    const want = explaining.isAllowed(named);
    if (fast.isAllowed(named) !== want) say(`isAllowed over IPv${family}`, p, i, j, !want, want);
    tally.familyFlows++;
  }
  tally.states++;
  if (clusterPolicies.length > 0) tally.tiered++;
  tally.endpoints += n;
  const direct = new FastEngine(state, options);
  tally.classes += direct.classCount;
  if (direct.compile().families.length > 1) tally.mixedFamilies++;
  return found;
}

const tally = (): Tally => ({ states: 0, pairs: 0, allowed: 0, naive: 0, classes: 0, endpoints: 0, mixedFamilies: 0, familyFlows: 0, tiered: 0, tierChanged: 0 });

/** The tiers were really drawn, and really decided verdicts, or the property says little about them. */
function expectTiersAtWork(t: Tally): void {
  expect(t.tiered / t.states).to.be.within(0.5, 0.9);
  expect(t.tierChanged / t.pairs).to.be.greaterThan(0.05);
}

describe('fast path property: reachability = explaining engine = naive evaluator', () => {
  it('holds for 2,000 small random states drawn from every feature and tier, under every option and fault', () => {
    const t = tally();
    for (let seed = 7_000_000; seed < 7_002_000; seed++) {
      const state = randomCluster(seed, PROPERTY_SHAPE);
      const clusterPolicies = randomClusterPolicies(seed, PROPERTY_TIERS);
      // A quarter of the states under a fault; the rest with ipBlocks matching pod addresses or not.
      const podIps = new Random(-seed).pick([undefined, true, false]);
      const options: EngineOptions = seed % 4 === 0 ? (FAULTS[(seed >> 2) % FAULTS.length] ?? {}) : podIps === undefined ? {} : { ipBlockMatchesPodIps: podIps };
      expect(disagreements(state.topology, state.policies, clusterPolicies, options, 1, seed, t), `seed ${seed} ${JSON.stringify(options)}`).to.deep.equal([]);
    }
    expect(t.pairs).to.be.greaterThan(100_000);
    expect(t.naive).to.be.greaterThan(50_000);
    expect(t.allowed / t.pairs).to.be.within(0.2, 0.9);
    // IPv6 pods and hosts: many states have pairs in both families.
    expect(t.mixedFamilies).to.be.greaterThan(500);
    expect(t.familyFlows).to.be.greaterThan(20_000);
    expectTiersAtWork(t);
  });

  it('holds for 2,000 states of replicas with one odd pod, odd namespaces, partly served named ports, ipBlocks and networks through them', () => {
    const t = tally();
    for (let seed = 9_000_000; seed < 9_002_000; seed++) {
      const state = classStressState(seed);
      expect(disagreements(state.topology, state.policies, state.clusterPolicies, state.options, 0.1, seed, t), `seed ${seed} ${JSON.stringify(state.options)}`).to.deep.equal([]);
    }
    expect(t.pairs).to.be.greaterThan(1_500_000);
    expect(t.naive).to.be.greaterThan(80_000);
    expect(t.allowed / t.pairs).to.be.within(0.15, 0.9);
    // The generator really makes classes of several endpoints, or it tests little.
    expect(t.classes / t.endpoints).to.be.lessThan(0.7);
    expectTiersAtWork(t);
  });
});
