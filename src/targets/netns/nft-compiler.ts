// Compiles the policies that concern one pod into the nftables ruleset of that pod's own network
// namespace: one `table inet netpol` with an ingress chain (input hook) and an egress chain (output
// hook); with cluster-scoped policies, each direction's tiers as chains of their own (./nft-tiers.ts). Pure: state in, text out; `nft -f` applies the text as one transaction, so the old
// table is replaced atomically (the leading `table` + `delete table` lines make that work whether or
// not the table exists yet).
import { endpointAddresses, podId, type PodSpec } from '../../model/topology.js';
import type { Direction } from '../../model/verdicts.js';
import { policyKey, type IPBlock, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort } from '../../model/api.js';
import type { NetnsFault } from './faults.js';
import { addressField, comment, excludedSet, ipBlockRange, ipFamilyOf, nftSet, type AddressFamily, type IpBlockRange } from './nft-addresses.js';
import { effectiveDirections, isolatingPolicies, peerPods, portProtocol, resolveNamedPort, type NetnsState } from './selection.js';
import { tierLines } from './nft-tiers.js';

export const TABLE = 'netpol';

export interface CompileOptions {
  /** Whether ipBlock peers match pod addresses (implementation-defined; upstream expects yes). */
  ipBlockMatchesPodIps: boolean;
  /** What happens to denied packets: reject (RST / ICMP unreachable, fast) or drop (timeouts). */
  denyAction: 'reject' | 'drop';
  /** A deliberate dataplane bug (src/targets/netns/faults.ts); never set in a conformance run. */
  fault?: NetnsFault;
}

/** Everything one direction of one pod needs: whether it is isolated, and the accept rules. */
export interface DirectionRules {
  isolatedBy: string[];
  accepts: string[];
}

interface Context {
  state: NetnsState;
  pod: PodSpec;
  direction: Direction;
  policy: NetworkPolicy;
  options: CompileOptions;
}


/**
 * Matches for a list of pods' addresses, one per address family (empty: the peer names no pod).
 * Pods are dual-stack: a selector names both addresses; `keep` narrows them (to an ipBlock's).
 */
function podAddressMatches(pods: readonly PodSpec[], direction: Direction, keep: (ip: string) => boolean = () => true): string[] {
  const byFamily = new Map<AddressFamily, string[]>();
  for (const ip of pods.flatMap((pod) => endpointAddresses(pod)).filter(keep)) {
    const family = ipFamilyOf(ip);
    byFamily.set(family, [...(byFamily.get(family) ?? []), ip]);
  }
  return [...byFamily].map(([family, ips]) => `${addressField(family, direction)} ${nftSet([...new Set(ips)].sort())}`);
}

/** Whether ipBlock peers match pod addresses (the `ipblock-pod-ips` fault matches them regardless). */
function blockMatchesPods(options: CompileOptions): boolean {
  return options.ipBlockMatchesPodIps || options.fault === 'ipblock-pod-ips';
}

/** The block's addresses (the `except-ignored` fault drops its excepts). */
function blockRange(ctx: Context, ipBlock: IPBlock): IpBlockRange {
  const block = ctx.options.fault === 'except-ignored' ? { cidr: ipBlock.cidr } : ipBlock;
  return ipBlockRange(block, `policy ${policyName(ctx.policy)}`);
}

/** The alternatives (ORed) that match the peer's addresses; `['']` = any address, `[]` = none. */
function peerAddressMatches(ctx: Context, peer: NetworkPolicyPeer | undefined): string[] {
  if (!peer) return [''];
  if (peer.ipBlock) {
    const range = blockRange(ctx, peer.ipBlock);
    // Without pod-IP matching, pod addresses inside the block are carved out like an except.
    const podIps = blockMatchesPods(ctx.options) ? [] : ctx.state.topology.pods.flatMap((p) => endpointAddresses(p));
    const field = addressField(range.family, ctx.direction);
    const excluded = excludedSet(range, podIps);
    return [excluded.length === 0 ? `${field} ${range.cidr}` : `${field} ${range.cidr} ${field} != ${nftSet(excluded)}`];
  }
  return podAddressMatches(peerPods(ctx.state, ctx.policy.metadata.namespace, peer), ctx.direction);
}

function protocolMatch(port: NetworkPolicyPort): string {
  return `meta l4proto ${portProtocol(port).toLowerCase()}`;
}

/** Numeric port, port range (endPort, inclusive) or every port of the protocol. */
function numericPortMatch(ctx: Context, port: NetworkPolicyPort, number: number | undefined): string {
  if (number === undefined) return protocolMatch(port);
  const ranged = port.endPort !== undefined && port.endPort > number && ctx.options.fault !== 'endport-ignored';
  return `${protocolMatch(port)} th dport ${ranged ? `${number}-${port.endPort}` : number}`;
}

/** The pods a peer names (the pods on the far side of the selected pod). */
function podsOfPeer(ctx: Context, peer: NetworkPolicyPeer | undefined): PodSpec[] {
  const pods = ctx.state.topology.pods;
  if (!peer) return pods;
  if (!peer.ipBlock) return peerPods(ctx.state, ctx.policy.metadata.namespace, peer);
  if (!blockMatchesPods(ctx.options)) return [];
  const range = blockRange(ctx, peer.ipBlock);
  return pods.filter((p) => endpointAddresses(p).some((ip) => range.contains(ip)));
}

/** The match expressions (ORed) for one (peer, port) pair of a rule; empty = matches nothing. */
export function peerPortMatches(ctx: Context, peer: NetworkPolicyPeer | undefined, port: NetworkPolicyPort | undefined): string[] {
  const join = (...parts: string[]): string => parts.filter(Boolean).join(' ');
  if (port && typeof port.port === 'string') {
    const name = port.port;
    const protocol = portProtocol(port);
    // A name resolves on the destination: the pod itself for ingress, the peer for egress. The
    // `named-port-on-source` fault resolves it on the source: the peer for ingress, itself for egress.
    const onSelf = (ctx.direction === 'ingress') !== (ctx.options.fault === 'named-port-on-source');
    if (onSelf) {
      const number = resolveNamedPort(ctx.pod.ports, name, protocol);
      if (number === undefined) return [];
      return peerAddressMatches(ctx, peer).map((a) => join(a, numericPortMatch(ctx, port, number)));
    }
    // Resolved on each pod of the peer, so group them by the number they give the name. An
    // external host never has named ports.
    const groups = new Map<number, PodSpec[]>();
    for (const other of podsOfPeer(ctx, peer)) {
      const number = resolveNamedPort(other.ports, name, protocol);
      if (number !== undefined) groups.set(number, [...(groups.get(number) ?? []), other]);
    }
    // An ipBlock destination is matched by its addresses inside the block only.
    const range = peer?.ipBlock ? blockRange(ctx, peer.ipBlock) : undefined;
    const inBlock = range ? (ip: string): boolean => range.contains(ip) : undefined;
    return [...groups]
      .sort(([a], [b]) => a - b)
      .flatMap(([number, pods]) => podAddressMatches(pods, ctx.direction, inBlock).map((a) => join(a, numericPortMatch(ctx, port, number))));
  }
  const portPart = port === undefined || typeof port.port === 'string' ? '' : numericPortMatch(ctx, port, port.port);
  return peerAddressMatches(ctx, peer).map((a) => join(a, portPart));
}

function policyName(policy: NetworkPolicy): string {
  return policyKey(policy);
}


/** One accept rule per (policy, rule, peer, port), in policy-name order. */
export function directionRules(state: NetnsState, pod: PodSpec, direction: Direction, options: CompileOptions): DirectionRules {
  const policies = isolatingPolicies(state, pod, direction, options.fault === 'egress-as-ingress' ? egressAlsoIngress : effectiveDirections);
  const accepts: string[] = [];
  for (const policy of policies) {
    const ctx: Context = { state, pod, direction, policy, options };
    const rules =
      direction === 'ingress'
        ? (policy.spec.ingress ?? []).map((rule) => ({ peers: rule.from ?? [], ports: rule.ports ?? [] }))
        : (policy.spec.egress ?? []).map((rule) => ({ peers: rule.to ?? [], ports: rule.ports ?? [] }));
    rules.forEach(({ peers, ports }, r) => {
      // An absent or empty list means "all": one pass with `undefined`.
      const peerList = peers.length > 0 ? peers : [undefined];
      const portList = ports.length > 0 ? ports : [undefined];
      peerList.forEach((peer, p) => {
        portList.forEach((port, q) => {
          const where = `${policyName(policy)} ${direction}[${r}]${peer ? ` peer[${p}]` : ''}${port ? ` port[${q}]` : ''}`;
          for (const match of peerPortMatches(ctx, peer, port)) accepts.push(`${match ? `${match} ` : ''}accept ${comment(where)}`);
        });
      });
    });
  }
  return { isolatedBy: policies.map(policyName), accepts };
}

/** The `egress-as-ingress` fault: a policy that takes effect for egress takes effect for ingress too. */
function egressAlsoIngress(policy: NetworkPolicy): Record<Direction, boolean> {
  const d = effectiveDirections(policy);
  return { ingress: d.ingress || d.egress, egress: d.egress };
}

function denyLines(options: CompileOptions): string[] {
  switch (options.denyAction) {
    case 'reject':
      return ['meta l4proto tcp reject with tcp reset', 'reject with icmpx type port-unreachable'];
    case 'drop':
      return ['drop'];
  }
}

/** Replies of allowed connections always pass (the `no-replies` fault forgets them). */
function replyLines(options: CompileOptions): string[] {
  return options.fault === 'no-replies' ? [] : ['ct state established,related accept'];
}

/**
 * IPv6 neighbour discovery is the link layer's work (ARP's, in IPv4, which no IP rule sees): no
 * NetworkPolicy governs it, and without it no IPv6 packet reaches its next hop.
 */
const NEIGHBOUR_DISCOVERY = 'icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept';

function chain(name: Direction, rules: DirectionRules, options: CompileOptions): string[] {
  const hook = name === 'ingress' ? 'input' : 'output';
  const loopback = name === 'ingress' ? 'iif "lo" accept' : 'oif "lo" accept';
  // A pod cannot block itself.
  const body = [`type filter hook ${hook} priority filter; policy accept;`, loopback, ...replyLines(options), NEIGHBOUR_DISCOVERY];
  if (rules.isolatedBy.length > 0) {
    body.push(`# isolated for ${name} by ${rules.isolatedBy.join(', ')}`, ...rules.accepts, ...denyLines(options));
  } else {
    body.push(`# not isolated for ${name}: everything is allowed`);
  }
  return [`  chain ${name} {`, ...body.map((l) => `    ${l}`), '  }'];
}

/**
 * With cluster-scoped policies, each direction is four chains: the hook chain holds the Admin tier
 * and goes on to `np_<dir>` (the NetworkPolicy tier: its accepts then the deny chain when the pod
 * is isolated, else on to the Baseline tier), `baseline_<dir>`, and `deny_<dir>`.
 */
function tieredChains(state: NetnsState, pod: PodSpec, name: Direction, rules: DirectionRules, options: CompileOptions): string[] {
  const hook = name === 'ingress' ? 'input' : 'output';
  const [np, baseline, deny] = [`np_${name}`, `baseline_${name}`, `deny_${name}`];
  const ctx = { topology: state.topology, clusterPolicies: state.clusterPolicies ?? [], pod, direction: name };
  const block = (chainName: string, body: string[]): string[] => [`  chain ${chainName} {`, ...body.map((l) => `    ${l}`), '  }'];
  return [
    ...block(name, [
      `type filter hook ${hook} priority filter; policy accept;`,
      name === 'ingress' ? 'iif "lo" accept' : 'oif "lo" accept',
      ...replyLines(options),
      NEIGHBOUR_DISCOVERY,
      '# Admin tier',
      ...tierLines(ctx, 'Admin', { deny, pass: `goto ${np}` }),
      `goto ${np}`,
    ]),
    ...block(
      np,
      rules.isolatedBy.length > 0
        ? [`# NetworkPolicy tier: isolated for ${name} by ${rules.isolatedBy.join(', ')}`, ...rules.accepts, `goto ${deny}`]
        : [`# NetworkPolicy tier: not isolated for ${name}`, `goto ${baseline}`],
    ),
    ...block(baseline, ['# Baseline tier', ...tierLines(ctx, 'Baseline', { deny, pass: 'accept' }), '# default: allowed', 'accept']),
    ...block(deny, denyLines(options)),
  ];
}

/** The whole ruleset text of one pod, ready for `nft -f -` inside the pod's namespace. */
export function renderPodRuleset(state: NetnsState, pod: PodSpec, options: CompileOptions): string {
  const ingress = directionRules(state, pod, 'ingress', options);
  const egress = directionRules(state, pod, 'egress', options);
  const tiered = (state.clusterPolicies ?? []).length > 0;
  return [
    `# netpol-conformance: pod ${podId(pod.namespace, pod.name)} (${endpointAddresses(pod).join(', ')})`,
    `table inet ${TABLE}`,
    `delete table inet ${TABLE}`,
    `table inet ${TABLE} {`,
    ...(tiered ? tieredChains(state, pod, 'ingress', ingress, options) : chain('ingress', ingress, options)),
    ...(tiered ? tieredChains(state, pod, 'egress', egress, options) : chain('egress', egress, options)),
    '}',
    '',
  ].join('\n');
}
