// The Admin and Baseline tiers of an explanation: for one direction at one pod, every rule the
// tier tried, in order, with why it did or did not match, and the tier's conclusion in one line:
// "Admin tier: policy deny-slytherin (priority 3), rule #1 'deny-from-slytherin' matched: Deny".
import type { TierRuleCheck } from '../engine/index.js';
import { formatSelector } from '../model/selectors.js';
import { describeRule, isEmptyPeer, tierPolicyView, type TierPolicyView, type TierPort } from '../model/tier-rules.js';
import type { TierRuleRef } from '../model/verdicts.js';
import type { ClusterPolicy, EgressPeer, Tier } from '../model/cluster-policy.js';
import type { LabelSelector } from '../model/api.js';
import type { Direction } from '../model/verdicts.js';

export type TierViews = ReadonlyMap<string, TierPolicyView>;

export function tierViews(clusterPolicies: readonly ClusterPolicy[]): TierViews {
  return new Map(clusterPolicies.map((p) => [`${p.kind}/${p.metadata.name}`, tierPolicyView(p)]));
}

/** `policy deny-slytherin (priority 3)`, `AdminNetworkPolicy x (priority 3)`, `BaselineAdminNetworkPolicy default`. */
export function describeTierPolicy(view: Pick<TierPolicyView, 'kind' | 'name' | 'priority'>): string {
  switch (view.kind) {
    case 'ClusterNetworkPolicy':
      return `policy ${view.name} (priority ${view.priority})`;
    case 'AdminNetworkPolicy':
      return `AdminNetworkPolicy ${view.name} (priority ${view.priority})`;
    case 'BaselineAdminNetworkPolicy':
      return `BaselineAdminNetworkPolicy ${view.name}`;
  }
}

export function describeTierPeer(peer: EgressPeer): string {
  if (isEmptyPeer(peer)) return 'a peer with no field set (from a newer API version: it fails closed)';
  if (peer.namespaces !== undefined) return `pods in ${namespacesText(peer.namespaces)}`;
  if (peer.pods !== undefined) {
    const pods = formatSelector(peer.pods.podSelector);
    return `${pods === '<all>' ? 'all pods' : `pods matching ${pods}`} in ${namespacesText(peer.pods.namespaceSelector)}`;
  }
  if (peer.networks !== undefined) return `addresses in ${peer.networks.join(', ')}`;
  if (peer.nodes !== undefined) return `nodes matching ${formatSelector(peer.nodes)} (not modelled: matches nothing here)`;
  return `domain names ${(peer.domainNames ?? []).join(', ')} (not modelled: matches nothing here)`;
}

function namespacesText(selector: LabelSelector | undefined): string {
  const text = formatSelector(selector);
  return text === '<all>' ? 'all namespaces' : `namespaces matching ${text}`;
}

export function describeTierPort(port: TierPort): string {
  switch (port.kind) {
    case 'protocol':
      return `any ${port.protocol} port`;
    case 'range':
      return port.from === port.to ? `${port.from}/${port.protocol}` : `${port.from}-${port.to}/${port.protocol}`;
    case 'named':
      return `named port "${port.name}"`;
  }
}

function rulesOf(view: TierPolicyView, direction: Direction) {
  return direction === 'ingress' ? view.ingress : view.egress;
}

function describeCheck(check: TierRuleCheck, view: TierPolicyView | undefined): string {
  const rule = view ? rulesOf(view, check.direction)[check.rule] : undefined;
  const head = `    - ${view ? describeTierPolicy(view) : check.policy}, ${rule ? describeRule(rule) : `rule #${check.rule + 1}`} (${rule?.action ?? '?'})`;
  const end = check.direction === 'ingress' ? 'source' : 'destination';
  const peers = rule?.peers ?? [];
  if (check.peer === -1) return `${head}: does not match: the ${end} is not among ${peers.map(describeTierPeer).join('; ') || 'its peers'}`;
  const peerText = `the ${end} is among ${describeTierPeer(peers[check.peer] ?? {})}`;
  const ports = rule?.ports;
  if (ports === undefined) return `${head}: matches: ${peerText}, on any port`;
  if (check.port === -1 || check.port === undefined) return `${head}: does not match: ${peerText}, but the port is not among ${ports.map(describeTierPort).join(', ')}`;
  return `${head}: matches: ${peerText}, on ${describeTierPort(ports[check.port] as TierPort)}`;
}

/** The tier's conclusion, in the words the issue tracker and the lessons use. */
export function describeTierDecision(tier: Tier, ref: TierRuleRef, views: TierViews): string {
  const view = views.get(ref.policy);
  const policy = view ? describeTierPolicy(view) : ref.policy;
  return `${tier} tier: ${policy}, ${describeRule({ index: ref.rule, ...(ref.ruleName !== undefined ? { name: ref.ruleName } : {}) })} matched: ${ref.action}`;
}

/**
 * Lines for one tier at one pod and direction. `decided` is the rule that ended the tier's
 * evaluation (an allow, a deny or a pass), or undefined when no rule matched.
 */
export function describeTier(tier: Tier, direction: Direction, checks: readonly TierRuleCheck[], decided: TierRuleRef | undefined, views: TierViews): string[] {
  const mine = checks.filter((c) => c.direction === direction && views.get(c.policy)?.tier === tier);
  if (mine.length === 0) return [`  ${tier} tier: no ${tier} policy selects it with ${direction} rules.`];
  const lines = mine.map((c) => describeCheck(c, views.get(c.policy)));
  if (!decided) return [`  ${tier} tier: no rule matches, so this tier has no say.`, ...lines];
  const next = tier === 'Admin' ? 'the NetworkPolicy tier decides' : 'the default decides';
  const decision = describeTierDecision(tier, decided, views);
  return [`  ${decision}${decided.action === 'Pass' ? `, so ${next}` : ''}.`, ...lines];
}
