// Addresses in written policies turned back into templates: an ipBlock (or a cluster-scoped
// policy's network) that names a pod's address or the network around one is written
// `{{ip ns/pod}}/32` or `{{net ns/pod 16}}`, so a generated feature means the same on a cluster
// whose pods have other addresses.
import { cidrContains, parseCidr, parseIp } from '../model/cidr.js';
import type { NetworkPolicy, NetworkPolicyPeer } from '../model/api.js';
import { isClusterPolicy, type ClusterPolicy, type EgressPeer } from '../model/cluster-policy.js';
import { podId, type Topology } from '../model/topology.js';

/**
 * A CIDR as a template when it names a pod's address (`{{ip ns/pod}}/32`) or the network around one
 * (`{{net ns/pod 16}}`, prefixes /8 and longer), so the policy means the same on a cluster whose pods
 * have other addresses. Other CIDRs stay as written.
 */
export function templateCidr(cidr: string, topology: Topology): string {
  const parsed = parseCidr(cidr);
  if (!parsed || parsed.family !== 4 || parsed.prefix < 8) return cidr;
  const pod = topology.pods.find((p) => {
    const ip = parseIp(p.ip);
    return ip !== undefined && cidrContains(parsed, ip);
  });
  if (!pod) return cidr;
  const id = podId(pod.namespace, pod.name);
  return parsed.prefix === 32 ? `{{ip ${id}}}/32` : `{{net ${id} ${parsed.prefix}}}`;
}

function templatePeer(peer: NetworkPolicyPeer, topology: Topology): NetworkPolicyPeer {
  if (!peer.ipBlock) return peer;
  const { cidr, except } = peer.ipBlock;
  return { ...peer, ipBlock: { cidr: templateCidr(cidr, topology), ...(except !== undefined ? { except: except.map((e) => templateCidr(e, topology)) } : {}) } };
}

function templateNetworkPolicy(policy: NetworkPolicy, topology: Topology): NetworkPolicy {
  const spec = policy.spec;
  return {
    ...policy,
    spec: {
      ...spec,
      ...(spec.ingress ? { ingress: spec.ingress.map((r) => (r.from ? { ...r, from: r.from.map((p) => templatePeer(p, topology)) } : r)) } : {}),
      ...(spec.egress ? { egress: spec.egress.map((r) => (r.to ? { ...r, to: r.to.map((p) => templatePeer(p, topology)) } : r)) } : {}),
    },
  };
}

function templateClusterPolicy(policy: ClusterPolicy, topology: Topology): ClusterPolicy {
  if (!policy.spec.egress) return policy;
  const peer = (p: EgressPeer): EgressPeer => (p.networks ? { ...p, networks: p.networks.map((n) => templateCidr(n, topology)) } : p);
  return { ...policy, spec: { ...policy.spec, egress: policy.spec.egress.map((r) => ({ ...r, to: r.to.map(peer) })) } } as ClusterPolicy;
}

/** The policy with the addresses it names about pods written as templates. */
export function templatePolicy<P extends NetworkPolicy | ClusterPolicy>(policy: P, topology: Topology): P {
  return (isClusterPolicy(policy) ? templateClusterPolicy(policy, topology) : templateNetworkPolicy(policy, topology)) as P;
}
