// The Admin and Baseline tiers of one pod's nftables table. Each rule of each policy that selects
// the pod becomes one nft rule per (peer, port) pair, in evaluation order (priority, then rule
// order), each ending in the rule's verdict, so the first one that matches decides as the API
// says: Accept / Allow -> accept, Deny -> the deny chain, Pass -> the next tier's chain.
import type { ClusterPolicy, EgressPeer } from '../../model/cluster-policy.js';
import { describeRule, isEmptyPeer, type TierPolicyView, type TierPort, type TierRule } from '../../model/tier-rules.js';
import type { Protocol } from '../../model/api.js';
import type { Direction } from '../../model/verdicts.js';
import { endpointAddresses, type PodSpec, type Topology } from '../../model/topology.js';
import { addressField, comment, ipBlockRange, ipFamilyOf, nftSet, type AddressFamily } from './nft-addresses.js';
import { podsInNetworks, tierPeerPods, tierPolicies } from './tier-selection.js';

export interface TierTargets {
  /** Chain a Deny jumps to. */
  deny: string;
  /** What a Pass does: `goto <next tier's chain>` or `accept` (after the Baseline tier: the default). */
  pass: string;
}

export interface TierContext {
  topology: Topology;
  clusterPolicies: readonly ClusterPolicy[];
  pod: PodSpec;
  direction: Direction;
}

/** One match per address family; `['']` = any address, `[]` = none. */
function addressMatches(entries: readonly { family: AddressFamily; text: string }[], direction: Direction): string[] {
  const byFamily = new Map<AddressFamily, Set<string>>();
  for (const e of entries) byFamily.set(e.family, (byFamily.get(e.family) ?? new Set()).add(e.text));
  return [...byFamily].map(([family, texts]) => `${addressField(family, direction)} ${nftSet([...texts].sort())}`);
}

/** Pods are dual-stack: both addresses, narrowed by `keep` (to the networks an egress peer names). */
function podAddresses(pods: readonly PodSpec[], keep: (ip: string) => boolean = () => true): { family: AddressFamily; text: string }[] {
  return pods.flatMap((p) => endpointAddresses(p).filter(keep).map((ip) => ({ family: ipFamilyOf(ip), text: ip })));
}

/** The addresses a peer names on the far side (`['']`: any, `[]`: none). */
function peerMatches(ctx: TierContext, peer: EgressPeer, rule: TierRule): string[] {
  if (isEmptyPeer(peer)) return rule.effect === 'allow' ? [] : ['']; // fails closed
  if (peer.networks !== undefined) {
    return addressMatches(peer.networks.map((n) => ipBlockRange({ cidr: n }, 'networks')).map((r) => ({ family: r.family, text: r.cidr })), ctx.direction);
  }
  // nodes and domainNames name nothing here (the target lacks those capabilities).
  return addressMatches(podAddresses(tierPeerPods(ctx.topology, peer)), ctx.direction);
}

function portMatch(protocol: Protocol, from: number, to: number): string {
  return `meta l4proto ${protocol.toLowerCase()} th dport ${from === to ? `${from}` : `${from}-${to}`}`;
}

/** Destination pods of an egress peer (named ports resolve on each). */
function egressDestinations(ctx: TierContext, peer: EgressPeer): PodSpec[] {
  if (isEmptyPeer(peer)) return ctx.topology.pods;
  if (peer.networks !== undefined) return podsInNetworks(ctx.topology, peer.networks);
  return tierPeerPods(ctx.topology, peer);
}

/** A container port by name: its protocol and number on that pod (the name alone says both). */
function namedPort(pod: PodSpec, name: string): { protocol: Protocol; port: number } | undefined {
  const found = pod.ports.find((p) => p.name === name);
  return found ? { protocol: found.protocol, port: found.port } : undefined;
}

/** The match expressions (ORed) of one (peer, port) pair; empty = matches nothing. */
function pairMatches(ctx: TierContext, peer: EgressPeer, rule: TierRule, port: TierPort | undefined): string[] {
  const join = (...parts: string[]): string => parts.filter(Boolean).join(' ');
  const addresses = peerMatches(ctx, peer, rule);
  if (port === undefined) return addresses;
  switch (port.kind) {
    case 'protocol':
      return addresses.map((a) => join(a, `meta l4proto ${port.protocol.toLowerCase()}`));
    case 'range':
      return addresses.map((a) => join(a, portMatch(port.protocol, port.from, port.to)));
    case 'named': {
      if (ctx.direction === 'ingress') {
        const resolved = namedPort(ctx.pod, port.name);
        return resolved ? addresses.map((a) => join(a, portMatch(resolved.protocol, resolved.port, resolved.port))) : [];
      }
      // Egress: resolved on each destination pod; group them by what the name resolves to.
      const groups = new Map<string, PodSpec[]>();
      for (const dest of egressDestinations(ctx, peer)) {
        const resolved = namedPort(dest, port.name);
        if (resolved) groups.set(`${resolved.protocol} ${resolved.port}`, [...(groups.get(`${resolved.protocol} ${resolved.port}`) ?? []), dest]);
      }
      return [...groups].sort(([a], [b]) => a.localeCompare(b)).flatMap(([key, pods]) => {
        const [protocol = 'TCP', number = '0'] = key.split(' ');
        const networks = peer.networks?.map((n) => ipBlockRange({ cidr: n }, 'networks'));
        const inNetworks = networks ? (ip: string): boolean => networks.some((r) => r.contains(ip)) : undefined;
        return addressMatches(podAddresses(pods, inNetworks), 'egress').map((a) => join(a, portMatch(protocol as Protocol, Number(number), Number(number))));
      });
    }
  }
}

function verdict(rule: TierRule, targets: TierTargets): string {
  switch (rule.effect) {
    case 'allow':
      return 'accept';
    case 'deny':
      return `goto ${targets.deny}`;
    case 'pass':
      return targets.pass;
  }
}

function policyRules(ctx: TierContext, view: TierPolicyView, targets: TierTargets): string[] {
  const lines: string[] = [];
  const rules = ctx.direction === 'ingress' ? view.ingress : view.egress;
  for (const rule of rules) {
    const where = `${view.id} (priority ${view.priority}) ${ctx.direction} ${describeRule(rule)}: ${rule.action}`;
    for (const peer of rule.peers) {
      for (const port of rule.ports ?? [undefined]) {
        for (const match of pairMatches(ctx, peer, rule, port)) lines.push(`${match ? `${match} ` : ''}${verdict(rule, targets)} ${comment(where)}`);
      }
    }
  }
  return lines;
}

/** Every rule line of one tier for the pod and direction, in evaluation order. */
export function tierLines(ctx: TierContext, tier: 'Admin' | 'Baseline', targets: TierTargets): string[] {
  return tierPolicies(ctx.topology, ctx.clusterPolicies, ctx.pod, tier, ctx.direction).flatMap((view) => policyRules(ctx, view, targets));
}
