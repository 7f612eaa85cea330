// The cluster-scoped policies as `lint` reads them, answered from the engine's own match tables
// (./tiers-compile.ts) and rule order (./tiers-evaluate.ts), so that a finding and a verdict can
// never read a policy differently: the pods a subject selects, the endpoints a peer matches, and
// the rule of one policy that matches a flow first.
import type { ClusterPolicy } from '../model/cluster-policy.js';
import type { PodSpec, Topology } from '../model/topology.js';
import type { Direction, Flow, TierRuleRef } from '../model/verdicts.js';
import { compileState } from './compile.js';
import type { EndpointSet, MatchTable } from './match-table.js';
import type { CompiledTierPolicy } from './tiers-compile.js';
import { firstMatch } from './tiers-evaluate.js';

/** An endpoint of the topology: a pod (with its spec) or an external host. */
export interface MatchedEndpoint {
  id: string;
  pod?: PodSpec;
}

export interface TierMatcher {
  /** Every endpoint, pods first, in the topology's order. */
  endpoints: readonly MatchedEndpoint[];
  /** The pods the policy's subject selects (never a hostNetwork pod). */
  subject(policy: ClusterPolicy): MatchedEndpoint[];
  /**
   * The endpoints peer `peer` of rule `rule` (in written order) of one direction matches, in
   * either address family (a network matches the addresses of its own family).
   */
  peer(policy: ClusterPolicy, direction: Direction, rule: number, peer: number): MatchedEndpoint[];
  /**
   * The rule of this one policy that decides the flow at the pod it applies to in `direction`
   * (the destination for ingress, the source for egress), as the tier would try it; undefined
   * when the subject does not select that pod or no rule matches.
   */
  firstMatch(policy: ClusterPolicy, direction: Direction, flow: Flow): TierRuleRef | undefined;
}

export function tierMatcher(topology: Topology, clusterPolicies: readonly ClusterPolicy[]): TierMatcher {
  const state = compileState({ topology, policies: [], clusterPolicies });
  const compiled = new Map<ClusterPolicy, CompiledTierPolicy>((state.tiers?.policies ?? []).map((p) => [p.view.policy, p]));
  const of = (policy: ClusterPolicy): CompiledTierPolicy => {
    const found = compiled.get(policy);
    if (!found) throw new Error(`${policy.kind}/${policy.metadata.name} is not one of the matcher's policies`);
    return found;
  };
  const where = (table: EndpointSet | undefined): MatchedEndpoint[] => state.endpoints.filter((ep) => table?.has(ep.index) === true);
  const whereAny = (table: MatchTable | undefined): MatchedEndpoint[] => state.endpoints.filter((ep) => table !== undefined && (table.has(ep.index, 4) || table.has(ep.index, 6)));
  return {
    endpoints: state.endpoints,
    subject: (policy) => where(of(policy).subject),
    peer: (policy, direction, rule, peer) => whereAny((direction === 'ingress' ? of(policy).ingress : of(policy).egress)[rule]?.peers[peer]),
    firstMatch(policy, direction, flow) {
      const src = state.byId.get(flow.from);
      const dst = state.byId.get(flow.to);
      if (!src || !dst || src === dst) return undefined;
      const [self, other] = direction === 'ingress' ? [dst, src] : [src, dst];
      const p = of(policy);
      if (!p.subject.has(self.index)) return undefined;
      return firstMatch(p, direction, other, flow, dst.pod, undefined);
    },
  };
}
