// Same-priority overlaps of the cluster-scoped tiers, judged on the input. The pairs are the ones
// `validate` warns about (src/validate/tier-overlaps.ts: one tier, one priority, rules of one
// direction whose actions differ); a pair is a finding only when both policies match some
// connection between the input's endpoints with different actions, and the finding names it.
import { tierMatcher, type TierMatcher } from '../engine/index.js';
import { effectOf, type ClusterPolicy } from '../model/cluster-policy.js';
import { tierPolicyView } from '../model/tier-rules.js';
import type { Direction, Flow } from '../model/verdicts.js';
import { samePriorityOverlaps, type OverlapWitness } from '../validate/tier-overlaps.js';
import type { LintCheck, LintWarning } from './context.js';
import { representativePorts, tierPortRanges } from './port-classes.js';

function findWitness(matcher: TierMatcher, earlier: ClusterPolicy, later: ClusterPolicy, direction: Direction): OverlapWitness | undefined {
  const ranges = [earlier, later].flatMap((p) => tierPolicyView(p)[direction].flatMap((r) => tierPortRanges(r.ports)));
  const both = new Set(matcher.subject(later).map((ep) => ep.id));
  // A connection to a port the destination serves reads best: the first such one, else any.
  let unserved: OverlapWitness | undefined;
  for (const self of matcher.subject(earlier).filter((ep) => both.has(ep.id))) {
    for (const other of matcher.endpoints) {
      if (other.id === self.id) continue;
      const [from, to] = direction === 'ingress' ? [other, self] : [self, other];
      for (const { port, protocol } of representativePorts(ranges, to.pod)) {
        const flow: Flow = { from: from.id, to: to.id, port, protocol };
        const first = matcher.firstMatch(earlier, direction, flow);
        const second = first && matcher.firstMatch(later, direction, flow);
        if (!first || !second || effectOf(first.action) === effectOf(second.action)) continue;
        const witness = { flow, earlierAction: first.action, laterAction: second.action };
        if (to.pod?.ports.some((p) => p.port === port && p.protocol === protocol)) return witness;
        unserved ??= witness;
      }
    }
  }
  return unserved;
}

export const samePriorityOverlap: LintCheck = ({ topology, clusterPolicies }) => {
  if (clusterPolicies.length < 2) return [];
  const matcher = tierMatcher(topology, clusterPolicies.map((p) => p.policy));
  const overlaps = samePriorityOverlaps(
    clusterPolicies.map((p) => p.policy),
    (earlier, later, direction) => findWitness(matcher, earlier, later, direction),
  );
  return overlaps.flatMap((o): LintWarning[] => {
    const owner = clusterPolicies.find((p) => p.policy === o.policy);
    return owner ? [{ check: 'same-priority-overlap', policy: owner, field: o.warning.field, message: o.warning.message }] : [];
  });
};
