// A rule made redundant by another: a rule of the same direction, in a policy selecting at least the
// same pods, allows every peer and port this one does. Judged on the input's pods for selector
// peers, on CIDRs for ipBlock peers, and on the ports as written (a named port is covered by the
// same name or by all ports). Of two equivalent rules only the later is reported.
import type { NetworkPolicyPeer, NetworkPolicyPort } from '../model/api.js';
import { cidrContains, parseCidr, type Cidr } from '../model/cidr.js';
import { peerPods, rulesOf, selectedPods, type LintCheck, type LintPolicy, type LintWarning, type RuleView } from './context.js';
import type { Topology } from '../model/topology.js';

interface Placed {
  owner: LintPolicy;
  rule: RuleView;
  order: number;
  /** Pods of the input each selector peer matches, by `ns/name`. */
  peerSets: (Set<string> | undefined)[] | undefined;
}

/** `inner` lies inside `outer` (or is it). */
function within(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family && inner.prefix >= outer.prefix && cidrContains(outer, { family: inner.family, value: inner.network, leadingZeros: false, ipv4Mapped: false });
}

function ipBlockCovers(outer: NonNullable<NetworkPolicyPeer['ipBlock']>, inner: NonNullable<NetworkPolicyPeer['ipBlock']>): boolean {
  const o = parseCidr(outer.cidr);
  const i = parseCidr(inner.cidr);
  if (!o || !i || !within(i, o)) return false;
  // Every hole of the outer block that reaches into the inner one must be a hole of the inner one too.
  return (outer.except ?? []).every((text) => {
    const hole = parseCidr(text);
    if (!hole) return true;
    if (within(i, hole)) return false;
    if (!within(hole, i)) return true;
    return (inner.except ?? []).some((t) => ((c) => c !== undefined && within(hole, c))(parseCidr(t)));
  });
}

function peersCover(a: Placed, b: Placed): boolean {
  if (a.peerSets === undefined) return true; // all peers
  if (b.peerSets === undefined) return false;
  const aPeers = a.rule.peers ?? [];
  const union = new Set(a.peerSets.flatMap((s) => [...(s ?? [])]));
  return (b.rule.peers ?? []).every((peer, k) => {
    if (peer.ipBlock) return aPeers.some((q) => q.ipBlock !== undefined && peer.ipBlock !== undefined && ipBlockCovers(q.ipBlock, peer.ipBlock));
    return [...(b.peerSets?.[k] ?? [])].every((pod) => union.has(pod));
  });
}

function portCovers(a: NetworkPolicyPort, b: NetworkPolicyPort): boolean {
  if ((a.protocol ?? 'TCP') !== (b.protocol ?? 'TCP')) return false;
  if (a.port === undefined) return true;
  if (b.port === undefined) return false;
  if (typeof a.port === 'string' || typeof b.port === 'string') return a.port === b.port;
  return a.port <= b.port && (a.endPort ?? a.port) >= (b.endPort ?? b.port);
}

function portsCover(a: RuleView, b: RuleView): boolean {
  if ((a.ports ?? []).length === 0) return true;
  if ((b.ports ?? []).length === 0) return false;
  return (b.ports ?? []).every((bp) => (a.ports ?? []).some((ap) => portCovers(ap, bp)));
}

/** Whether b allows anything at all among the input's pods (else other checks report it). */
function allowsSomething(b: Placed): boolean {
  return b.peerSets === undefined || b.rule.peers?.some((p, k) => p.ipBlock !== undefined || (b.peerSets?.[k]?.size ?? 0) > 0) === true;
}

function place(topology: Topology, policies: readonly LintPolicy[]): Placed[] {
  let order = 0;
  return policies.flatMap((owner) =>
    rulesOf(owner.policy).map((rule) => ({
      owner,
      rule,
      order: order++,
      peerSets: (rule.peers ?? []).length === 0 ? undefined : (rule.peers ?? []).map((peer) => ((pods) => pods && new Set(pods.map((p) => `${p.namespace}/${p.name}`)))(peerPods(topology, peer, owner.policy.metadata.namespace))),
    })),
  );
}

export const redundantRule: LintCheck = ({ topology, policies }) => {
  const rules = place(topology, policies);
  const selected = new Map(policies.map((p) => [p, new Set(selectedPods(topology, p.policy).map((pod) => `${pod.namespace}/${pod.name}`))]));
  const covers = (a: Placed, b: Placed): boolean => {
    const aPods = selected.get(a.owner) ?? new Set();
    const bPods = selected.get(b.owner) ?? new Set();
    return a.rule.direction === b.rule.direction && bPods.size > 0 && [...bPods].every((p) => aPods.has(p)) && peersCover(a, b) && portsCover(a.rule, b.rule);
  };
  return rules.flatMap((b): LintWarning[] => {
    if (!allowsSomething(b)) return [];
    // Equivalent rules: the earlier one stays, the later one is reported.
    const by = rules.find((a) => a !== b && covers(a, b) && (!covers(b, a) || a.order < b.order));
    if (!by) return [];
    const where = by.owner === b.owner ? by.rule.path : `${by.rule.path} of ${by.owner.policy.metadata.namespace}/${by.owner.policy.metadata.name}`;
    return [{ check: 'redundant-rule', policy: b.owner, field: b.rule.path, message: `is redundant: ${where} allows every peer and port it allows, for every pod this policy selects` }];
  });
};
