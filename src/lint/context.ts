// What every lint check reads: the policies with where they were written, the topology the
// manifests describe, and the selection rules of the spec (a hostNetwork pod is never selected).
import type { LoadedObject, NetworkPolicy, NetworkPolicyPeer, ObjectSource } from '../model/api.js';
import type { ClusterPolicy } from '../model/cluster-policy.js';
import { selectorMatches, selectorPeerMatches } from '../model/selectors.js';
import { withNamespaceNameLabel, type PodSpec, type Topology } from '../model/topology.js';
import { effectivePolicyTypes } from '../engine/index.js';

export interface LintPolicy<P extends NetworkPolicy | ClusterPolicy = NetworkPolicy> {
  policy: P;
  source: ObjectSource;
  locate?: LoadedObject['locate'];
}

export interface LintInput {
  topology: Topology;
  policies: LintPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy. */
  clusterPolicies: LintPolicy<ClusterPolicy>[];
}

/** One finding: the policy, the field, what is wrong; `check` names the rule (printed with the finding; `lint --disable` takes it). */
export interface LintWarning {
  check: string;
  policy: LintPolicy<NetworkPolicy | ClusterPolicy>;
  field: string;
  message: string;
}

export type LintCheck = (input: LintInput) => LintWarning[];

/** Pods a selector may select: hostNetwork pods are never selected by any selector (docs/semantics.md). */
export function selectablePods(topology: Topology): PodSpec[] {
  return topology.pods.filter((p) => !p.hostNetwork);
}

export function selectedPods(topology: Topology, policy: NetworkPolicy): PodSpec[] {
  return selectablePods(topology).filter((p) => p.namespace === policy.metadata.namespace && selectorMatches(policy.spec.podSelector, p.labels));
}

/** Pods a selector peer matches (ipBlock peers: undefined, they match addresses). */
export function peerPods(topology: Topology, peer: NetworkPolicyPeer, policyNamespace: string): PodSpec[] | undefined {
  if (peer.ipBlock) return undefined;
  const labels = new Map(topology.namespaces.map((n) => [n.name, withNamespaceNameLabel(n.name, n.labels)]));
  return topology.pods.filter((p) => selectorPeerMatches(peer, p, labels.get(p.namespace) ?? withNamespaceNameLabel(p.namespace, undefined), policyNamespace));
}

export interface RuleView {
  direction: 'ingress' | 'egress';
  index: number;
  peers: NetworkPolicyPeer[] | undefined;
  ports: NonNullable<NetworkPolicy['spec']['ingress']>[number]['ports'];
  /** `spec.ingress[0]` */
  path: string;
  peerField: 'from' | 'to';
}

/** The rules that take effect: those of a direction in the effective policyTypes. */
export function rulesOf(policy: NetworkPolicy): RuleView[] {
  const types = effectivePolicyTypes(policy.spec);
  return [
    ...(policy.spec.ingress ?? []).map((r, index): RuleView => ({ direction: 'ingress', index, peers: r.from, ports: r.ports, path: `spec.ingress[${index}]`, peerField: 'from' })),
    ...(policy.spec.egress ?? []).map((r, index): RuleView => ({ direction: 'egress', index, peers: r.to, ports: r.ports, path: `spec.egress[${index}]`, peerField: 'to' })),
  ].filter((r) => types.includes(r.direction === 'ingress' ? 'Ingress' : 'Egress'));
}
