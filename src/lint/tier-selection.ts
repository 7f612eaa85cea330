// The selection checks for the cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy,
// BaselineAdminNetworkPolicy): a subject that selects no pod, a peer that matches no pod, a named
// port no destination serves. What selects what is the engine's own reading (tierMatcher), so a
// finding never disagrees with a verdict.
import { tierMatcher, type MatchedEndpoint, type TierMatcher } from '../engine/index.js';
import type { LabelSelector } from '../model/meta.js';
import type { ClusterPolicy, EgressPeer, NamespacedPod } from '../model/cluster-policy.js';
import { formatSelector } from '../model/selectors.js';
import { tierPolicyView } from '../model/tier-rules.js';
import type { Topology } from '../model/topology.js';
import type { Direction } from '../model/verdicts.js';
import type { LintCheck, LintInput, LintPolicy, LintWarning } from './context.js';
import { withDns } from './dns.js';

const isEmpty = (selector: LabelSelector): boolean => Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;

function namespaces(selector: LabelSelector): string {
  return isEmpty(selector) ? 'every namespace' : `namespaces matching ${formatSelector(selector)}`;
}

function pods(p: NamespacedPod): string {
  const which = isEmpty(p.podSelector ?? {}) ? 'all pods' : `pods matching ${formatSelector(p.podSelector ?? {})}`;
  return `${which} in ${namespaces(p.namespaceSelector ?? {})}`;
}

function matcherFor(topology: Topology, input: LintInput): TierMatcher {
  return tierMatcher(topology, input.clusterPolicies.map((p) => p.policy));
}

const isPod = (ep: MatchedEndpoint): boolean => ep.pod !== undefined;

export const subjectSelectsNoPod: LintCheck = (input) => {
  if (input.clusterPolicies.length === 0) return [];
  const matcher = matcherFor(input.topology, input);
  return input.clusterPolicies.flatMap((p): LintWarning[] => {
    if (matcher.subject(p.policy).length > 0) return [];
    const subject = p.policy.spec.subject;
    const [field, what] = subject.namespaces !== undefined ? ['spec.subject.namespaces', `all pods in ${namespaces(subject.namespaces)}`] : ['spec.subject.pods', subject.pods ? pods(subject.pods) : 'nothing'];
    return [{ check: 'selects-no-pod', policy: p, field, message: `selects no pod of the input (${what}): the policy has no effect (check the labels)` }];
  });
};

interface PlacedPeer {
  owner: LintPolicy<ClusterPolicy>;
  direction: Direction;
  rule: number;
  index: number;
  peer: EgressPeer;
  field: string;
}

function peersOf(p: LintPolicy<ClusterPolicy>): PlacedPeer[] {
  const view = tierPolicyView(p.policy);
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    view[direction].flatMap((rule) => rule.peers.map((peer, index) => ({ owner: p, direction, rule: rule.index, index, peer, field: `spec.${direction}[${rule.index}].${direction === 'ingress' ? 'from' : 'to'}[${index}]` }))),
  );
}

/** Judged with the cluster DNS in the topology, as for NetworkPolicies, so the usual DNS rule is not a finding. */
export const tierPeerMatchesNothing: LintCheck = (input) => {
  if (input.clusterPolicies.length === 0) return [];
  const matcher = matcherFor(withDns(input.topology).topology, input);
  return input.clusterPolicies.flatMap((p) =>
    peersOf(p).flatMap((at): LintWarning[] => {
      // Networks match addresses the input need not list; nodes and domainNames are not modelled.
      const what = at.peer.namespaces !== undefined ? `all pods in ${namespaces(at.peer.namespaces)}` : at.peer.pods !== undefined ? pods(at.peer.pods) : undefined;
      if (what === undefined || at.peer.networks !== undefined || matcher.peer(p.policy, at.direction, at.rule, at.index).some(isPod)) return [];
      return [{ check: 'peer-matches-nothing', policy: p, field: at.field, message: `matches no pod (${what}): this peer matches nothing (check the labels)` }];
    }),
  );
};

/** The written named ports of one rule, with their fields (v1alpha2 `protocols`, v1alpha1 `ports`). */
function namedPorts(policy: ClusterPolicy, direction: Direction, rule: number): { name: string; field: string }[] {
  const base = `spec.${direction}[${rule}]`;
  if (policy.kind === 'ClusterNetworkPolicy') {
    const written = (direction === 'ingress' ? policy.spec.ingress : policy.spec.egress)?.[rule]?.protocols ?? [];
    return written.flatMap((e, i) => (e.destinationNamedPort !== undefined ? [{ name: e.destinationNamedPort, field: `${base}.protocols[${i}].destinationNamedPort` }] : []));
  }
  const written = (direction === 'ingress' ? policy.spec.ingress : policy.spec.egress)?.[rule]?.ports ?? [];
  return written.flatMap((e, i) => (e.namedPort !== undefined ? [{ name: e.namedPort, field: `${base}.ports[${i}].namedPort` }] : []));
}

/** A named port resolves on the destination: the subject's pods for ingress, the rule's peers for egress. */
export const tierNamedPortUnserved: LintCheck = (input) => {
  if (input.clusterPolicies.length === 0) return [];
  const matcher = matcherFor(input.topology, input);
  return input.clusterPolicies.flatMap((p) => {
    const view = tierPolicyView(p.policy);
    return (['ingress', 'egress'] as const).flatMap((direction) =>
      view[direction].flatMap((rule) => {
        const destinations = direction === 'ingress' ? matcher.subject(p.policy) : rule.peers.flatMap((_, i) => matcher.peer(p.policy, direction, rule.index, i));
        return namedPorts(p.policy, direction, rule.index).flatMap(({ name, field }): LintWarning[] => {
          if (destinations.some((d) => d.pod?.ports.some((q) => q.name === name))) return [];
          const whose = direction === 'ingress' ? 'no pod this policy selects' : 'no pod this rule sends to';
          return [{ check: 'named-port-unserved', policy: p, field, message: `${whose} has a container port named "${name}": this port matches nothing` }];
        });
      }),
    );
  });
};
