// Compiles a cluster state (topology + policies) for the explaining path. Nothing is evaluated
// up front: which policies isolate an endpoint, and whether a peer matches an endpoint, are worked
// out on first use and remembered, so one verdict on a cluster of any size costs a few selectors.
// Addresses and CIDRs are parsed up front, so bad ones fail at creation, not in some later verdict.
import { cidrContains, parseCidr, type Cidr, type IpFamily } from '../model/cidr.js';
import { InputError } from '../model/errors.js';
import { selectorMatches, selectorPeerMatches } from '../model/selectors.js';
import { withNamespaceNameLabel, type Topology } from '../model/topology.js';
import { policyKey, type Labels, type NetworkPolicy, type NetworkPolicyPeer } from '../model/api.js';
import type { ClusterPolicy } from '../model/cluster-policy.js';
import type { Direction } from '../model/verdicts.js';
import type { EngineOptions } from './options.js';
import { endpointsOf, type Endpoint } from './endpoints.js';
import { lazyTable, type MatchTable } from './match-table.js';
import { compileTiers, type CompiledTiers } from './tiers-compile.js';

export type { Endpoint } from './endpoints.js';
import { effectivePolicyTypes } from './policy-types.js';
import { compilePort, type CompiledPort } from './ports.js';

export interface ClusterState {
  topology: Topology;
  policies: readonly NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy. */
  clusterPolicies?: readonly ClusterPolicy[];
}


/**
 * The endpoints (by index) a peer matches in a flow of one address family: an ipBlock matches the
 * endpoint's address of that family; selectors match in both alike.
 */
export type PeerTable = MatchTable;

export interface CompiledRule {
  /** undefined: the rule has no peers, so every peer matches. Otherwise one table per peer. */
  peers: PeerTable[] | undefined;
  /** undefined: the rule has no ports, so every port of every protocol matches. */
  ports: CompiledPort[] | undefined;
}

export interface CompiledPolicy {
  id: string;
  policy: NetworkPolicy;
  /** undefined when the direction is not in the effective policyTypes. */
  ingress: CompiledRule[] | undefined;
  egress: CompiledRule[] | undefined;
}

export interface CompiledState {
  endpoints: Endpoint[];
  byId: Map<string, Endpoint>;
  policies: CompiledPolicy[];
  /** The policies (indexes, in order) that isolate the endpoint in the direction; none for externals. */
  isolating(direction: Direction, endpoint: number): readonly number[];
  /** The Admin and Baseline tiers; undefined when the state has no cluster-scoped policy. */
  tiers: CompiledTiers | undefined;
}


function parseCidrOrThrow(text: string, policy: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new InputError(`NetworkPolicy ${policy}: "${text}" is not a CIDR`);
  return cidr; // host bits are cleared: a CIDR written with host bits set is normalised.
}

function compilePeer(
  peer: NetworkPolicyPeer,
  policyNamespace: string,
  endpoints: readonly Endpoint[],
  nsLabels: ReadonlyMap<string, Labels>,
  policyId: string,
  options: EngineOptions,
): PeerTable {
  let matches: (ep: Endpoint, family: IpFamily) => boolean;
  if (peer.ipBlock) {
    const cidr = parseCidrOrThrow(peer.ipBlock.cidr, policyId);
    const except = options.fault === 'except-ignored' ? [] : (peer.ipBlock.except ?? []).map((e) => parseCidrOrThrow(e, policyId));
    const podIps = options.ipBlockMatchesPodIps ?? true;
    // The endpoint's address of the flow's family: an IPv4 block never matches IPv6 traffic. A
    // hostNetwork pod's address is its node's, not a pod address: ipBlocks match it either way.
    matches = (ep, family) => {
      const ip = family === cidr.family ? ep.addresses[family] : undefined;
      return ip !== undefined && (!ep.pod || ep.pod.hostNetwork === true || podIps) && cidrContains(cidr, ip) && !except.some((e) => cidrContains(e, ip));
    };
  } else {
    // Selectors never match external hosts, nor hostNetwork pods (their traffic is the node's).
    matches = ({ pod }) => pod !== undefined && selectorPeerMatches(peer, pod, nsLabels.get(pod.namespace) ?? {}, policyNamespace);
  }
  return lazyTable(endpoints.length, (index, family) => {
    const ep = endpoints[index];
    return ep !== undefined && matches(ep, family);
  });
}

export function compileState(state: ClusterState, options: EngineOptions = {}): CompiledState {
  const endpoints = endpointsOf(state.topology);
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  // Every namespace carries kubernetes.io/metadata.name, also one the topology does not list (a pod
  // added to a new namespace) or lists without it: the label is immutable, so it is enforced here.
  const nsLabels = new Map(state.topology.namespaces.map((n) => [n.name, withNamespaceNameLabel(n.name, n.labels)]));
  for (const ep of endpoints) if (ep.pod && !nsLabels.has(ep.pod.namespace)) nsLabels.set(ep.pod.namespace, withNamespaceNameLabel(ep.pod.namespace, undefined));
  const peerCache = new Map<string, PeerTable>();
  const byNamespace = new Map<string, number[]>();

  const policies = state.policies.map((policy, index): CompiledPolicy => {
    const ns = policy.metadata.namespace;
    const id = policyKey(policy);
    const types = effectivePolicyTypes(policy.spec);
    const rules = (list: { peers: NetworkPolicyPeer[] | undefined; ports: CompiledRule['ports'] }[]): CompiledRule[] =>
      list.map(({ peers, ports }) => ({
        peers:
          peers === undefined || peers.length === 0
            ? undefined
            : peers.map((peer) => {
                // Identical peers are common (pod=b in many rules); compile each once per namespace.
                const key = `${ns}\u0000${JSON.stringify(peer)}`;
                let table = peerCache.get(key);
                if (!table) peerCache.set(key, (table = compilePeer(peer, ns, endpoints, nsLabels, id, options)));
                return table;
              }),
        ports,
      }));
    const ports = (p: { ports?: Parameters<typeof compilePort>[0][] }): CompiledRule['ports'] =>
      p.ports === undefined || p.ports.length === 0 ? undefined : p.ports.map(compilePort);
    const compiled: CompiledPolicy = {
      id,
      policy,
      ingress: types.includes('Ingress') ? rules((policy.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: ports(r) }))) : undefined,
      egress: types.includes('Egress') ? rules((policy.spec.egress ?? []).map((r) => ({ peers: r.to, ports: ports(r) }))) : undefined,
    };
    const inNamespace = byNamespace.get(ns);
    if (inNamespace) inNamespace.push(index);
    else byNamespace.set(ns, [index]);
    return compiled;
  });
  const isolatingMemo = { ingress: new Map<number, number[]>(), egress: new Map<number, number[]>() };
  const isolating = (direction: Direction, endpoint: number): readonly number[] => {
    let found = isolatingMemo[direction].get(endpoint);
    if (found) return found;
    const pod = endpoints[endpoint]?.pod;
    // Policies never select a hostNetwork pod: its traffic is its node's.
    found = (pod && !pod.hostNetwork ? (byNamespace.get(pod.namespace) ?? []) : []).filter((pi) => {
      const policy = policies[pi];
      return policy?.[direction] !== undefined && selectorMatches(policy.policy.spec.podSelector, pod?.labels ?? {});
    });
    isolatingMemo[direction].set(endpoint, found);
    return found;
  };
  const clusterPolicies = state.clusterPolicies ?? [];
  const tiers = clusterPolicies.length > 0 ? compileTiers(clusterPolicies, endpoints, nsLabels) : undefined;
  return { endpoints, byId, policies, isolating, tiers };
}
