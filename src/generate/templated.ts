// Fuzz states name addresses by template (`{{ip x/p0}}/32`, `{{net x/p0 24}}`), never literally: a
// cluster gives a recreated pod a new address, and the policies must follow the pod. They are
// expanded against the topology as built, right before the target and the engine see them.
import type { IPBlock, NetworkPolicy, NetworkPolicyPeer } from '../model/api.js';
import type { ClusterPolicy, EgressPeer } from '../model/cluster-policy.js';
import { expandTemplates } from '../model/templates.js';
import type { Topology } from '../model/topology.js';

function expandBlock(block: IPBlock, topology: Topology, where: string): IPBlock {
  return { cidr: expandTemplates(block.cidr, topology, where), ...(block.except ? { except: block.except.map((e) => expandTemplates(e, topology, where)) } : {}) };
}

function expandPeers(peers: NetworkPolicyPeer[] | undefined, topology: Topology, where: string): NetworkPolicyPeer[] | undefined {
  return peers?.map((p) => (p.ipBlock ? { ...p, ipBlock: expandBlock(p.ipBlock, topology, where) } : p));
}

/** The policies with every address template expanded; throws InputError for an unknown endpoint. */
export function expandPolicies(policies: readonly NetworkPolicy[], topology: Topology): NetworkPolicy[] {
  return policies.map((policy) => {
    const where = `policy ${policy.metadata.namespace}/${policy.metadata.name}`;
    const { ingress, egress } = policy.spec;
    return {
      ...policy,
      spec: {
        ...policy.spec,
        ...(ingress ? { ingress: ingress.map((r) => (r.from ? { ...r, from: expandPeers(r.from, topology, where) ?? [] } : r)) } : {}),
        ...(egress ? { egress: egress.map((r) => (r.to ? { ...r, to: expandPeers(r.to, topology, where) ?? [] } : r)) } : {}),
      },
    };
  });
}

/** The cluster-scoped policies with the address templates of their egress `networks` expanded. */
export function expandClusterPolicies(policies: readonly ClusterPolicy[], topology: Topology): ClusterPolicy[] {
  const expandPeer = (peer: EgressPeer, where: string): EgressPeer => (peer.networks ? { ...peer, networks: peer.networks.map((n) => expandTemplates(n, topology, where)) } : peer);
  return policies.map((policy) => {
    const where = `${policy.kind} ${policy.metadata.name}`;
    if (!policy.spec.egress) return policy;
    return { ...policy, spec: { ...policy.spec, egress: policy.spec.egress.map((r) => ({ ...r, to: r.to.map((p) => expandPeer(p, where)) })) } } as ClusterPolicy;
  });
}
