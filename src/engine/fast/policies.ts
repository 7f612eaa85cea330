// Policies compiled over endpoint classes, independent of the port: the classes each policy
// selects, and for each rule the classes its peers match. Selectors are evaluated once per distinct
// label set (pods) or namespace, never once per pod; identical peers are compiled once.
import { parseCidr, type IpFamily } from '../../model/cidr.js';
import type { NetworkPolicy, NetworkPolicyPeer } from '../../model/api.js';
import type { EngineOptions } from '../options.js';
import { effectivePolicyTypes } from '../policy-types.js';
import { compilePort, type CompiledPort } from '../ports.js';
import { emptyBits, orInto, setRange, type Bits } from './bitset.js';
import type { ClassIndex } from './classes.js';
import { blockKey } from './features.js';
import type { Selections } from './selections.js';

export interface FastRule {
  /** The classes some peer matches; undefined when the rule has no peers (every endpoint). */
  peers: Bits | undefined;
  /** undefined: the rule has no ports (every port of every protocol). */
  ports: CompiledPort[] | undefined;
}

export interface FastPolicy {
  /** The pod classes the policy selects. */
  selected: Bits;
  /** undefined when the direction is not in the effective policyTypes. */
  ingress: FastRule[] | undefined;
  egress: FastRule[] | undefined;
}

export interface FastPolicies {
  policies: FastPolicy[];
  /** Per class: the policies that isolate it for ingress / for egress (empty for external hosts). */
  ingressOf: number[][];
  egressOf: number[][];
}

/**
 * The policies as flows of one address family see them: an ipBlock matches only in its own family
 * (the classes' addresses of that family); selectors match alike in both.
 */
export function compilePolicies(index: ClassIndex, policies: readonly NetworkPolicy[], selections: Selections, options: EngineOptions, family: IpFamily): FastPolicies {
  const size = index.classes.length;
  const peerCache = new Map<string, Bits>();

  const compilePeer = (peer: NetworkPolicyPeer, policyNamespace: number | undefined): Bits => {
    if (peer.ipBlock) return parseCidr(peer.ipBlock.cidr)?.family === family ? (index.blockClasses.get(blockKey(peer, options)) ?? emptyBits(size)) : emptyBits(size);
    if (peer.namespaceSelector) return selections.pods(peer.namespaceSelector, peer.podSelector);
    const labels = peer.podSelector ? selections.labels(peer.podSelector) : undefined;
    return selections.classesOf((ns) => ns === policyNamespace, labels); // podSelector alone: the policy's namespace
  };

  const rulePeers = (peers: NetworkPolicyPeer[] | undefined, policyNamespace: number | undefined): Bits | undefined => {
    if (peers === undefined || peers.length === 0) return undefined;
    const tables = peers.map((peer) => {
      const key = `${peer.namespaceSelector || peer.ipBlock ? '' : policyNamespace}|${JSON.stringify(peer)}`;
      let bits = peerCache.get(key);
      if (!bits) peerCache.set(key, (bits = compilePeer(peer, policyNamespace)));
      return bits;
    });
    if (tables.length === 1) return tables[0];
    const union = emptyBits(size);
    for (const t of tables) orInto(union, t);
    return union;
  };

  const ports = (list: Parameters<typeof compilePort>[0][] | undefined): CompiledPort[] | undefined =>
    list === undefined || list.length === 0 ? undefined : list.map(compilePort);

  const ingressOf: number[][] = index.classes.map(() => []);
  const egressOf: number[][] = index.classes.map(() => []);
  const compiled = policies.map((policy, p): FastPolicy => {
    const ns = index.namespaceIndex.get(policy.metadata.namespace);
    const types = effectivePolicyTypes(policy.spec);
    const ingress = types.includes('Ingress') ? (policy.spec.ingress ?? []).map((r) => ({ peers: rulePeers(r.from, ns), ports: ports(r.ports) })) : undefined;
    const egress = types.includes('Egress') ? (policy.spec.egress ?? []).map((r) => ({ peers: rulePeers(r.to, ns), ports: ports(r.ports) })) : undefined;
    const selector = selections.labels(policy.spec.podSelector);
    const selected = emptyBits(size);
    for (const run of ns === undefined ? [] : (index.runs[ns] ?? [])) {
      if (selector[run.labels] !== 1) continue;
      setRange(selected, run.start, run.end);
      for (let c = run.start; c < run.end; c++) {
        if (ingress) ingressOf[c]?.push(p);
        if (egress) egressOf[c]?.push(p);
      }
    }
    return { selected, ingress, egress };
  });
  return { policies: compiled, ingressOf, egressOf };
}
