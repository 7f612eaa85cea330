// Who a NetworkPolicy selects and which pods its peers name (docs/semantics.md, "Isolation and
// verdicts", "Peers", "policyTypes defaulting", "Ports"). The netns target judges the engine, so it reads the spec
// itself instead of importing src/engine: only the model's selector and CIDR helpers are shared.
import type { ClusterPolicy } from '../../model/cluster-policy.js';
import { selectorMatches } from '../../model/selectors.js';
import { NAMESPACE_NAME_LABEL, type Labels, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type Protocol } from '../../model/api.js';
import type { PodSpec, PortSpec, Topology } from '../../model/topology.js';
import type { Direction } from '../../model/verdicts.js';

/** What the target holds: the topology as built, with current labels, and the applied policies. */
export interface NetnsState {
  topology: Topology;
  policies: readonly NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies, the BaselineAdminNetworkPolicy. */
  clusterPolicies?: readonly ClusterPolicy[];
}

/**
 * Effective policyTypes: as written when non-empty; otherwise Ingress, plus Egress iff the policy
 * has egress rules (`egress: []` does not make an egress policy).
 */
export function effectiveDirections(policy: NetworkPolicy): Record<Direction, boolean> {
  const types = policy.spec.policyTypes;
  if (types && types.length > 0) return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  return { ingress: true, egress: (policy.spec.egress?.length ?? 0) > 0 };
}

/** Namespace labels; a namespace the topology does not list still carries its name label. */
export function labelsOfNamespace(topology: Topology, namespace: string): Labels {
  const declared = topology.namespaces.find((n) => n.name === namespace)?.labels;
  return { ...declared, [NAMESPACE_NAME_LABEL]: namespace };
}

/** Policies in the pod's namespace that select it and take effect in `direction`, by name. */
export function isolatingPolicies(state: NetnsState, pod: PodSpec, direction: Direction, directions = effectiveDirections): NetworkPolicy[] {
  return state.policies
    .filter((p) => p.metadata.namespace === pod.namespace)
    .filter((p) => selectorMatches(p.spec.podSelector, pod.labels))
    .filter((p) => directions(p)[direction])
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/**
 * Pods a selector peer names: podSelector alone = the policy's namespace; namespaceSelector alone =
 * every pod of the matching namespaces; both in one peer = both must match.
 */
export function peerPods(state: NetnsState, policyNamespace: string, peer: NetworkPolicyPeer): PodSpec[] {
  const { topology } = state;
  return topology.pods.filter((pod) => {
    const namespaceOk = peer.namespaceSelector
      ? selectorMatches(peer.namespaceSelector, labelsOfNamespace(topology, pod.namespace))
      : pod.namespace === policyNamespace;
    return namespaceOk && selectorMatches(peer.podSelector, pod.labels);
  });
}

export function portProtocol(port: NetworkPolicyPort): Protocol {
  return port.protocol ?? 'TCP';
}

/** A named port resolved on the destination pod's container ports (name and protocol). */
export function resolveNamedPort(ports: readonly PortSpec[], name: string, protocol: Protocol): number | undefined {
  return ports.find((p) => p.name === name && p.protocol === protocol)?.port;
}
