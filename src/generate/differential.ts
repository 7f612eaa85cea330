// Differential runs: a state applied to a real target, every flow probed, and each observation
// compared with the engine's verdict. The target is changed as little as possible between states:
// the topology is rebuilt only when it differs (on a cluster, pods and namespaces stay across cases
// and only policies change, as Cyclonus does), and only policies that changed are applied or
// deleted.
import { createEngine, type EngineOptions } from '../engine/index.js';
import { policyKey, type NetworkPolicy, type ObjectRef } from '../model/api.js';
import { clusterPolicyId, isClusterPolicy, type ClusterPolicy } from '../model/cluster-policy.js';
import type { Topology } from '../model/topology.js';
import { observedReachability, type Flow, type Observation, type Reachability } from '../model/verdicts.js';
import type { Target } from '../targets/target.js';
import type { CaseState } from './plan.js';

export interface Disagreement {
  flow: Flow;
  /** What the engine says. */
  expected: Reachability;
  observation: Observation;
}

/** What a target holds, so a new state costs only its differences. */
export class AppliedState {
  private topologyKey: string | undefined;
  private built: Topology | undefined;
  /** By `NetworkPolicy/namespace/name` or `Kind/name`. */
  private readonly policies = new Map<string, { text: string; policy: NetworkPolicy | ClusterPolicy }>();
  /** Topology (re)builds and policy writes, for the progress line and the benchmark. */
  readonly counts = { ups: 0, applies: 0, removes: 0 };

  constructor(readonly target: Target) {}

  /** Builds the topology unless the target holds it already; returns it as built (real addresses). */
  async topology(topology: Topology): Promise<Topology> {
    const key = JSON.stringify(topology);
    if (this.built && key === this.topologyKey) return this.built;
    this.built = await this.target.up(topology);
    this.topologyKey = key;
    this.counts.ups++;
    this.policies.clear(); // up() leaves no policies behind
    return this.built;
  }

  /** Exactly these policies of every kind: stale ones deleted, new and changed ones applied. */
  async policiesTo(wanted: readonly (NetworkPolicy | ClusterPolicy)[]): Promise<void> {
    const key = (p: NetworkPolicy | ClusterPolicy): string => (isClusterPolicy(p) ? clusterPolicyId(p) : `NetworkPolicy/${policyKey(p)}`);
    const next = new Map(wanted.map((p) => [key(p), { text: JSON.stringify(p), policy: p }]));
    const stale = [...this.policies.entries()].filter(([k]) => !next.has(k)).map(([, v]) => v.policy);
    if (stale.length > 0) {
      const ref = (p: NetworkPolicy | ClusterPolicy): ObjectRef => (isClusterPolicy(p) ? { kind: p.kind, name: p.metadata.name } : { kind: 'NetworkPolicy', namespace: p.metadata.namespace, name: p.metadata.name });
      await this.target.remove(stale.map(ref));
      this.counts.removes += stale.length;
    }
    const changed = [...next.entries()].filter(([k, v]) => this.policies.get(k)?.text !== v.text).map(([, v]) => v.policy);
    if (changed.length > 0) {
      await this.target.apply(changed);
      this.counts.applies += changed.length;
    }
    this.policies.clear();
    for (const [k, v] of next) this.policies.set(k, v);
  }

  /** Forget what the target holds (after down(), or when it cannot be trusted). */
  reset(): void {
    this.topologyKey = undefined;
    this.built = undefined;
    this.policies.clear();
  }
}

export interface DifferentialResult {
  flows: Flow[];
  disagreements: Disagreement[];
}

/**
 * Probes `flows` of a state already applied and compares with the engine. The target re-probes a
 * flow that disagrees (bounded, as every real target does), so a disagreement is one that stayed.
 */
export async function probeAndCompare(target: Target, state: CaseState, flows: readonly Flow[], options: EngineOptions): Promise<DifferentialResult> {
  const engine = createEngine(state, options);
  const expected: Reachability[] = flows.map((f) => (engine.isAllowed(f) ? 'allowed' : 'denied'));
  const observations = await target.probe(flows, { expected });
  const disagreements: Disagreement[] = [];
  observations.forEach((observation, i) => {
    const want = expected[i] ?? 'unknown';
    if (observedReachability(observation) !== want) disagreements.push({ flow: observation.flow, expected: want, observation });
  });
  return { flows: [...flows], disagreements };
}
