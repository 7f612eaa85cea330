// The cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy)
// compiled over endpoint classes, independent of the port: the classes each subject selects, and
// for each rule its effect and the classes its peers match. The policies are kept in the order
// the tiers try them (priority, then kind and name: ties broken as on the explaining path), and
// per tier and direction the classes fall into groups that try the same list of policies.
import { compareClusterPolicies, type ClusterPolicy, type EgressPeer, type PolicySubject, type RuleEffect } from '../../model/cluster-policy.js';
import { isEmptyPeer, tierPolicyView, type TierPort, type TierRule } from '../../model/tier-rules.js';
import type { Direction } from '../../model/verdicts.js';
import { parseCidr, type IpFamily } from '../../model/cidr.js';
import { bitIndexes, emptyBits, fullBits, orInto, type Bits } from './bitset.js';
import type { ClassIndex } from './classes.js';
import type { Selections } from './selections.js';

export type TierName = 'admin' | 'baseline';

export interface FastTierRule {
  effect: RuleEffect;
  /** The classes some peer of the rule matches. */
  peers: Bits;
  /** undefined: every port of every protocol. */
  ports: TierPort[] | undefined;
}

export interface FastTierPolicy {
  tier: TierName;
  /** The pod classes the subject selects (never a hostNetwork pod, never an external host). */
  subject: Bits;
  ingress: FastTierRule[];
  egress: FastTierRule[];
}

/** One tier and direction: classes that try the same policies, in the same order, form a group. */
export interface TierGroups {
  /** Per class: its group, or -1 when no policy of the tier applies to it in this direction. */
  of: Int32Array;
  /** Per group: the policies it tries (indexes into `FastTiers.policies`, in order). */
  lists: number[][];
}

export interface FastTiers {
  /** In the order the tiers try them. */
  policies: FastTierPolicy[];
  groups: Record<TierName, Record<Direction, TierGroups>>;
}

function subjectClasses(subject: PolicySubject, selections: Selections, size: number): Bits {
  if (subject.namespaces !== undefined) return selections.pods(subject.namespaces, undefined);
  if (subject.pods !== undefined) return selections.pods(subject.pods.namespaceSelector, subject.pods.podSelector);
  return emptyBits(size);
}

/**
 * The classes one peer matches: namespaces and pods select pods (never hostNetwork ones), networks
 * contain addresses (pods' included) of their family. A peer with no field set fails closed: nothing for an allow
 * rule, everything for deny and pass. nodes and domainNames match nothing, as on the explaining path.
 */
function peerClasses(peer: EgressPeer, effect: RuleEffect, index: ClassIndex, selections: Selections, family: IpFamily): Bits {
  const size = index.classes.length;
  if (isEmptyPeer(peer)) return effect === 'allow' ? emptyBits(size) : fullBits(size);
  const bits = emptyBits(size);
  if (peer.namespaces !== undefined) orInto(bits, selections.pods(peer.namespaces, undefined));
  if (peer.pods !== undefined) orInto(bits, selections.pods(peer.pods.namespaceSelector, peer.pods.podSelector));
  for (const text of peer.networks ?? []) {
    // A network matches in its own family only: the classes' addresses of that family.
    const inNetwork = parseCidr(text)?.family === family ? index.networkClasses.get(text) : undefined;
    if (inNetwork) orInto(bits, inNetwork);
  }
  return bits;
}

function groupsOf(policies: readonly FastTierPolicy[], tier: TierName, direction: Direction, size: number): TierGroups {
  const lists: number[][] = Array.from({ length: size }, () => []);
  policies.forEach((policy, p) => {
    // A policy with no rules in a direction does not take part in it.
    if (policy.tier !== tier || policy[direction].length === 0) return;
    for (const c of bitIndexes(policy.subject)) lists[c]?.push(p);
  });
  const ids = new Map<string, number>();
  const groups: TierGroups = { of: new Int32Array(size).fill(-1), lists: [] };
  lists.forEach((list, c) => {
    if (list.length === 0) return;
    const key = list.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = groups.lists.length));
      groups.lists.push(list);
    }
    groups.of[c] = id;
  });
  return groups;
}

/** The cluster-scoped policies as flows of one address family see them (networks match in their own family). */
export function compileTierPolicies(index: ClassIndex, clusterPolicies: readonly ClusterPolicy[], selections: Selections, family: IpFamily): FastTiers {
  const size = index.classes.length;
  const peerCache = new Map<string, Bits>();
  const rules = (list: readonly TierRule[]): FastTierRule[] =>
    list.map((rule) => {
      const peers = emptyBits(size);
      for (const peer of rule.peers) {
        const key = `${isEmptyPeer(peer) ? rule.effect : ''}|${JSON.stringify(peer)}`;
        let bits = peerCache.get(key);
        if (!bits) peerCache.set(key, (bits = peerClasses(peer, rule.effect, index, selections, family)));
        orInto(peers, bits);
      }
      return { effect: rule.effect, peers, ports: rule.ports };
    });
  const policies = [...clusterPolicies].sort(compareClusterPolicies).map((policy): FastTierPolicy => {
    const view = tierPolicyView(policy);
    return { tier: view.tier === 'Admin' ? 'admin' : 'baseline', subject: subjectClasses(policy.spec.subject, selections, size), ingress: rules(view.ingress), egress: rules(view.egress) };
  });
  const both = (tier: TierName): Record<Direction, TierGroups> => ({ ingress: groupsOf(policies, tier, 'ingress', size), egress: groupsOf(policies, tier, 'egress', size) });
  return { policies, groups: { admin: both('admin'), baseline: both('baseline') } };
}
