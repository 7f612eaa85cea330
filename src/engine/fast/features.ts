// What of an endpoint can change a verdict, read off the policies: the label keys and values some
// pod selector names, the container port names some policy port names, and the ipBlocks. Two pods
// that agree on all of these (and on their namespace) are judged alike by every policy.
import { parseCidr, type Cidr } from '../../model/cidr.js';
import { InputError } from '../../model/errors.js';
import { policyKey, type LabelSelector, type Labels, type NetworkPolicy, type NetworkPolicyPeer } from '../../model/api.js';
import type { PodSpec } from '../../model/topology.js';
import type { EngineOptions } from '../options.js';
import { effectivePolicyTypes } from '../policy-types.js';

/** An ipBlock after the engine options: `except` is empty under the except-ignored fault. */
export interface Block {
  key: string;
  cidr: Cidr;
  except: Cidr[];
}

export interface PolicyFeatures {
  /** Pod label keys some pod selector reads, with the values it compares them to. */
  podLabelValues: Map<string, Set<string>>;
  /** Names of named ports in any policy port entry. */
  portNames: Set<string>;
  /** Distinct ipBlocks, by key. */
  blocks: Map<string, Block>;
  /** Distinct CIDRs of the cluster-scoped policies' `networks` peers, by text (./tier-features.ts). */
  networks: Map<string, Cidr>;
}

/** The peers of the directions that take effect (a section policyTypes leaves out is never read). */
export function peersOf(policy: NetworkPolicy): NetworkPolicyPeer[] {
  const types = effectivePolicyTypes(policy.spec);
  const peers: NetworkPolicyPeer[] = [];
  if (types.includes('Ingress')) for (const rule of policy.spec.ingress ?? []) peers.push(...(rule.from ?? []));
  if (types.includes('Egress')) for (const rule of policy.spec.egress ?? []) peers.push(...(rule.to ?? []));
  return peers;
}

export function noteSelector(selector: LabelSelector | undefined, into: Map<string, Set<string>>): void {
  if (!selector) return;
  const values = (key: string): Set<string> => {
    let set = into.get(key);
    if (!set) into.set(key, (set = new Set()));
    return set;
  };
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) values(key).add(value);
  for (const req of selector.matchExpressions ?? []) {
    const set = values(req.key);
    for (const v of req.values ?? []) set.add(v);
  }
}

function cidrOrThrow(text: string, policy: NetworkPolicy): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new InputError(`NetworkPolicy ${policyKey(policy)}: "${text}" is not a CIDR`);
  return cidr;
}

export function blockKey(peer: NetworkPolicyPeer, options: EngineOptions): string {
  const except = options.fault === 'except-ignored' ? [] : (peer.ipBlock?.except ?? []);
  return `${peer.ipBlock?.cidr ?? ''}|${except.join(',')}`;
}

export function policyFeatures(policies: readonly NetworkPolicy[], options: EngineOptions): PolicyFeatures {
  const features: PolicyFeatures = { podLabelValues: new Map(), portNames: new Set(), blocks: new Map(), networks: new Map() };
  for (const policy of policies) {
    noteSelector(policy.spec.podSelector, features.podLabelValues);
    for (const peer of peersOf(policy)) {
      noteSelector(peer.podSelector, features.podLabelValues);
      if (!peer.ipBlock) continue;
      const key = blockKey(peer, options);
      if (features.blocks.has(key)) continue;
      const except = options.fault === 'except-ignored' ? [] : (peer.ipBlock.except ?? []).map((e) => cidrOrThrow(e, policy));
      features.blocks.set(key, { key, cidr: cidrOrThrow(peer.ipBlock.cidr, policy), except });
    }
    const rules = [...(policy.spec.ingress ?? []), ...(policy.spec.egress ?? [])];
    for (const rule of rules) {
      for (const port of rule.ports ?? []) if (typeof port.port === 'string' && !/^\d+$/.test(port.port)) features.portNames.add(port.port);
    }
  }
  return features;
}

const OTHER = '\u0000other';

/** The labels as far as selectors can tell them apart: unnamed keys dropped, unnamed values merged. */
export function labelKey(labels: Labels, features: PolicyFeatures): string {
  const parts: string[] = [];
  for (const key of Object.keys(labels).sort()) {
    const named = features.podLabelValues.get(key);
    if (!named) continue;
    const value = labels[key] ?? '';
    parts.push(key, named.has(value) ? value : OTHER);
  }
  return JSON.stringify(parts);
}

/** The container ports a named policy port could resolve to (name, protocol, number). */
export function namedPortKey(pod: PodSpec, features: PolicyFeatures): string {
  if (features.portNames.size === 0) return '';
  const parts = pod.ports.filter((p) => p.name !== undefined && features.portNames.has(p.name)).map((p) => `${p.name}/${p.protocol}/${p.port}`);
  return [...new Set(parts)].sort().join(',');
}
