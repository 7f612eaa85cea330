// Compiles the cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy,
// BaselineAdminNetworkPolicy) into per-policy match tables over the endpoints: which pods a
// policy's subject selects, and for every rule which endpoints each peer matches. Per endpoint and
// direction, the Admin and Baseline policies that concern it, in the order they are tried. Like the
// rest of the explaining path, nothing is evaluated up front (./match-table.ts): one verdict on a
// cluster of any size costs the selectors of the two ends. The tables are plain functions of
// (policy, endpoints), so another evaluator can reuse them.
import { cidrContains, parseCidr } from '../model/cidr.js';
import { compareClusterPolicies, type ClusterPolicy, type EgressPeer, type NamespacedPod, type PolicySubject } from '../model/cluster-policy.js';
import { selectorMatches } from '../model/selectors.js';
import { isEmptyPeer, tierPolicyView, type TierPolicyView, type TierRule } from '../model/tier-rules.js';
import type { Labels } from '../model/api.js';
import type { Direction } from '../model/verdicts.js';
import type { Endpoint } from './endpoints.js';
import { lazySet, lazyTable, type EndpointSet, type MatchTable } from './match-table.js';

export interface CompiledTierRule {
  rule: TierRule;
  /** One table per peer: the endpoints that peer matches, in a flow of each family. */
  peers: MatchTable[];
}

export interface CompiledTierPolicy {
  view: TierPolicyView;
  /** The endpoints the subject selects. */
  subject: EndpointSet;
  ingress: CompiledTierRule[];
  egress: CompiledTierRule[];
  /** Peer kinds of this policy that the engine cannot model (they match nothing here). */
  unmodelled: string[];
}

export interface CompiledTiers {
  policies: CompiledTierPolicy[];
  /** The policies (indexes, in evaluation order) of the tier that apply to the endpoint in the direction. */
  applying(tier: 'admin' | 'baseline', direction: Direction, endpoint: number): readonly number[];
}

export type NamespaceLabels = ReadonlyMap<string, Labels>;

/** Host-networked pods are never selected, as subject or as a namespaces or pods peer (the API says so). */
function selectable(ep: Endpoint): boolean {
  return ep.pod !== undefined && ep.pod.hostNetwork !== true;
}

function inNamespaces(selector: PolicySubject['namespaces'], ep: Endpoint, nsLabels: NamespaceLabels): boolean {
  return selectable(ep) && ep.pod !== undefined && selectorMatches(selector ?? {}, nsLabels.get(ep.pod.namespace) ?? {});
}

function inPods(pods: NamespacedPod, ep: Endpoint, nsLabels: NamespaceLabels): boolean {
  return selectable(ep) && ep.pod !== undefined && selectorMatches(pods.namespaceSelector ?? {}, nsLabels.get(ep.pod.namespace) ?? {}) && selectorMatches(pods.podSelector ?? {}, ep.pod.labels);
}

/** Pods the subject selects (never an external host). */
export function subjectTable(subject: PolicySubject, endpoints: readonly Endpoint[], nsLabels: NamespaceLabels): EndpointSet {
  return lazySet(endpoints.length, (index) => {
    const ep = endpoints[index];
    if (!ep) return false;
    return subject.namespaces !== undefined ? inNamespaces(subject.namespaces, ep, nsLabels) : subject.pods !== undefined && inPods(subject.pods, ep, nsLabels);
  });
}

const EVERY_ENDPOINT: MatchTable = { has: () => true };
const NO_ENDPOINT: MatchTable = { has: () => false };

/**
 * Endpoints one peer matches. `networks` match every address in them, pods' included (unlike
 * NetworkPolicy's ipBlock, by the API's own words). A peer with no field set comes from a newer
 * API version: it fails closed, matching nothing for Accept / Allow and everything otherwise.
 */
export function peerTable(peer: EgressPeer, rule: TierRule, endpoints: readonly Endpoint[], nsLabels: NamespaceLabels): MatchTable {
  if (isEmptyPeer(peer)) return rule.effect === 'allow' ? NO_ENDPOINT : EVERY_ENDPOINT;
  const cidrs = (peer.networks ?? []).map((text) => parseCidr(text)).filter((c) => c !== undefined);
  const selected = lazySet(endpoints.length, (index) => {
    const ep = endpoints[index];
    return ep !== undefined && ((peer.namespaces !== undefined && inNamespaces(peer.namespaces, ep, nsLabels)) || (peer.pods !== undefined && inPods(peer.pods, ep, nsLabels)));
  });
  return lazyTable(endpoints.length, (index, family) => {
    if (selected.has(index)) return true;
    // networks match the endpoint's address of the flow's family, as ipBlocks do.
    const ip = endpoints[index]?.addresses[family];
    return ip !== undefined && cidrs.some((cidr) => cidrContains(cidr, ip));
  });
}

function unmodelledPeers(view: TierPolicyView): string[] {
  const kinds = new Set<string>();
  for (const rule of [...view.ingress, ...view.egress]) {
    for (const peer of rule.peers) {
      if (peer.nodes !== undefined) kinds.add('nodes');
      if (peer.domainNames !== undefined) kinds.add('domainNames');
    }
  }
  return [...kinds];
}

export function compileTiers(clusterPolicies: readonly ClusterPolicy[], endpoints: readonly Endpoint[], nsLabels: NamespaceLabels): CompiledTiers {
  const ordered = [...clusterPolicies].sort(compareClusterPolicies);
  const peerCache = new Map<string, MatchTable>();
  const compileRules = (rules: readonly TierRule[]): CompiledTierRule[] =>
    rules.map((rule) => ({
      rule,
      peers: rule.peers.map((peer) => {
        const key = `${isEmptyPeer(peer) ? rule.effect : ''}\u0000${JSON.stringify(peer)}`;
        let table = peerCache.get(key);
        if (!table) peerCache.set(key, (table = peerTable(peer, rule, endpoints, nsLabels)));
        return table;
      }),
    }));
  const policies = ordered.map((policy): CompiledTierPolicy => {
    const view = tierPolicyView(policy);
    return { view, subject: subjectTable(policy.spec.subject, endpoints, nsLabels), ingress: compileRules(view.ingress), egress: compileRules(view.egress), unmodelled: unmodelledPeers(view) };
  });
  const memo = new Map<string, number[]>();
  return {
    policies,
    applying(tier, direction, endpoint) {
      const key = `${tier}|${direction}|${endpoint}`;
      let list = memo.get(key);
      if (!list) {
        list = [];
        for (let i = 0; i < policies.length; i++) {
          const policy = policies[i] as CompiledTierPolicy;
          // A policy with no rules in a direction does not affect that direction.
          if ((policy.view.tier === 'Admin') !== (tier === 'admin') || policy[direction].length === 0) continue;
          if (policy.subject.has(endpoint)) list.push(i);
        }
        memo.set(key, list);
      }
      return list;
    },
  };
}
