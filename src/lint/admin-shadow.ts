// A NetworkPolicy rule the Admin tier takes every say from: each connection the rule would allow
// between the input's pods is decided by an Admin-tier rule first, and some of them are denied,
// so the rule never lets anything through that the Admin tier would not anyway. Judged by the
// engine's verdicts on one port of each class of ports (./port-classes.ts), hence exact on the
// input; rules open to addresses (ipBlock peers, or no peers) are left alone, because the input
// does not list every address they admit.
import { compilePort, createEngine, portMatches } from '../engine/index.js';
import { tierOf } from '../model/cluster-policy.js';
import { describeRule, tierPolicyView } from '../model/tier-rules.js';
import { podId, type PodSpec } from '../model/topology.js';
import type { Flow } from '../model/verdicts.js';
import { peerPods, rulesOf, selectedPods, type LintCheck, type LintWarning, type RuleView } from './context.js';
import { representativePorts, tierPortRanges, type PortRange, type ProbePort } from './port-classes.js';

function npPortMatcher(rule: RuleView): { ranges: PortRange[]; matches: (p: ProbePort, destination: PodSpec) => boolean } {
  const ports = (rule.ports ?? []).map(compilePort);
  return {
    ranges: ports.flatMap((p) => (p.kind === 'range' ? [{ protocol: p.protocol ?? 'TCP', from: p.from, to: p.to }] : [])),
    matches: (p, destination) => ports.length === 0 || ports.some((c) => portMatches(c, p.port, p.protocol, destination, undefined)),
  };
}

export const overriddenByAdminTier: LintCheck = ({ topology, policies, clusterPolicies }) => {
  const admin = clusterPolicies.map((p) => p.policy).filter((p) => tierOf(p) === 'Admin');
  if (admin.length === 0) return [];
  const engine = createEngine({ topology, policies: policies.map((p) => p.policy), clusterPolicies: clusterPolicies.map((p) => p.policy) });
  return policies.flatMap((p) =>
    rulesOf(p.policy).flatMap((rule): LintWarning[] => {
      const peers = rule.peers ?? [];
      if (peers.length === 0 || peers.some((q) => q.ipBlock !== undefined)) return [];
      const others = [...new Map(peers.flatMap((q) => peerPods(topology, q, p.policy.metadata.namespace) ?? []).map((pod) => [podId(pod.namespace, pod.name), pod])).values()];
      const ports = npPortMatcher(rule);
      const ranges = [...ports.ranges, ...admin.flatMap((a) => tierPolicyView(a)[rule.direction].flatMap((r) => tierPortRanges(r.ports)))];
      let judged = 0;
      let deniedFlows = 0;
      const denied = new Set<string>();
      for (const self of selectedPods(topology, p.policy)) {
        for (const other of others) {
          if (other === self) continue;
          const [from, to] = rule.direction === 'ingress' ? [other, self] : [self, other];
          for (const port of representativePorts(ranges, to)) {
            if (!ports.matches(port, to)) continue;
            const flow: Flow = { from: podId(from.namespace, from.name), to: podId(to.namespace, to.name), ...port };
            const at = engine.verdict(flow)[rule.direction];
            if (at.decidedBy !== 'admin') return [];
            judged++;
            if (at.allowed || !at.tierRule) continue;
            deniedFlows++;
            denied.add(`${at.tierRule.policy} ${describeRule({ index: at.tierRule.rule, ...(at.tierRule.ruleName !== undefined ? { name: at.tierRule.ruleName } : {}) })}`);
          }
        }
      }
      if (judged === 0 || denied.size === 0) return [];
      const by = [...denied].slice(0, 3).join(', ') + (denied.size > 3 ? ` and ${denied.size - 3} more` : '');
      const message = `never takes effect: the Admin tier decides every connection this rule allows before NetworkPolicies are consulted, and denies ${deniedFlows === judged ? 'them' : 'some of them'} (${by})`;
      return [{ check: 'overridden-by-admin-tier', policy: p, field: rule.path, message }];
    }),
  );
};
