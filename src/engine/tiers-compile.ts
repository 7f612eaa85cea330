// Compiles the cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy,
// BaselineAdminNetworkPolicy) into per-policy match tables over the endpoints: which pods a
// policy's subject selects, and for every rule which endpoints each peer matches. Per endpoint and
// direction, the Admin and Baseline policies that concern it, in the order they are tried.
// The tables are plain functions of (policy, endpoints), so another evaluator can reuse them.
import { cidrContains, parseCidr } from '../model/cidr.js';
import { compareClusterPolicies, type ClusterPolicy, type EgressPeer, type NamespacedPod, type PolicySubject } from '../model/cluster-policy.js';
import { selectorMatches } from '../model/selectors.js';
import { isEmptyPeer, tierPolicyView, type TierPolicyView, type TierRule } from '../model/tier-rules.js';
import type { Labels } from '../model/api.js';
import type { Direction } from '../model/verdicts.js';
import type { Endpoint, FamilyTables } from './endpoints.js';

export interface CompiledTierRule {
  rule: TierRule;
  /** One pair of tables per peer (IPv4, IPv6): 1 where that peer matches the endpoint in that family. */
  peers: FamilyTables[];
}

export interface CompiledTierPolicy {
  view: TierPolicyView;
  /** 1 where the subject selects the endpoint. */
  subject: Uint8Array;
  ingress: CompiledTierRule[];
  egress: CompiledTierRule[];
  /** Peer kinds of this policy that the engine cannot model (they match nothing here). */
  unmodelled: string[];
}

export interface CompiledTiers {
  policies: CompiledTierPolicy[];
  /** Per endpoint index: the policies (indexes, in evaluation order) of each tier and direction. */
  admin: Record<Direction, number[][]>;
  baseline: Record<Direction, number[][]>;
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
export function subjectTable(subject: PolicySubject, endpoints: readonly Endpoint[], nsLabels: NamespaceLabels): Uint8Array {
  const table = new Uint8Array(endpoints.length);
  for (const ep of endpoints) {
    if (subject.namespaces !== undefined ? inNamespaces(subject.namespaces, ep, nsLabels) : subject.pods !== undefined && inPods(subject.pods, ep, nsLabels)) table[ep.index] = 1;
  }
  return table;
}

/**
 * Endpoints one peer matches. `networks` match every address in them, pods' included (unlike
 * NetworkPolicy's ipBlock, by the API's own words). A peer with no field set comes from a newer
 * API version: it fails closed, matching nothing for Accept / Allow and everything otherwise.
 */
export function peerTable(peer: EgressPeer, rule: TierRule, endpoints: readonly Endpoint[], nsLabels: NamespaceLabels): FamilyTables {
  const tables: [Uint8Array, Uint8Array] = [new Uint8Array(endpoints.length), new Uint8Array(endpoints.length)];
  if (isEmptyPeer(peer)) {
    if (rule.effect !== 'allow') for (const t of tables) t.fill(1);
    return tables;
  }
  const cidrs = (peer.networks ?? []).map((text) => parseCidr(text)).filter((c) => c !== undefined);
  for (const ep of endpoints) {
    const selected = (peer.namespaces !== undefined && inNamespaces(peer.namespaces, ep, nsLabels)) || (peer.pods !== undefined && inPods(peer.pods, ep, nsLabels));
    // networks match the endpoint's address of the flow's family, as ipBlocks do.
    ([4, 6] as const).forEach((family, f) => {
      const ip = ep.addresses[family];
      if (selected || (ip !== undefined && cidrs.some((cidr) => cidrContains(cidr, ip)))) (tables[f] as Uint8Array)[ep.index] = 1;
    });
  }
  return tables;
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
  const perEndpoint = (): number[][] => endpoints.map(() => []);
  const tiers: CompiledTiers = {
    policies: [],
    admin: { ingress: perEndpoint(), egress: perEndpoint() },
    baseline: { ingress: perEndpoint(), egress: perEndpoint() },
  };
  const peerCache = new Map<string, FamilyTables>();
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
  ordered.forEach((policy, index) => {
    const view = tierPolicyView(policy);
    const subject = subjectTable(policy.spec.subject, endpoints, nsLabels);
    const compiled: CompiledTierPolicy = { view, subject, ingress: compileRules(view.ingress), egress: compileRules(view.egress), unmodelled: unmodelledPeers(view) };
    tiers.policies.push(compiled);
    const lists = view.tier === 'Admin' ? tiers.admin : tiers.baseline;
    for (const ep of endpoints) {
      if (subject[ep.index] !== 1) continue;
      // A policy with no rules in a direction does not affect that direction.
      if (compiled.ingress.length > 0) lists.ingress[ep.index]?.push(index);
      if (compiled.egress.length > 0) lists.egress[ep.index]?.push(index);
    }
  });
  return tiers;
}
