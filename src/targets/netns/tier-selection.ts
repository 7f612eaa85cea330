// Which cluster-scoped policies concern a pod, and which pods and addresses their peers name
// (docs/semantics.md, "Cluster-scoped policy tiers"). Like ./selection.ts for NetworkPolicy, this reads the API
// itself instead of importing src/engine, so the netns target stays an independent judge.
import { cidrContains, parseCidr, parseIp } from '../../model/cidr.js';
import { compareClusterPolicies, type ClusterPolicy, type EgressPeer, type NamespacedPod, type PolicySubject, type Tier } from '../../model/cluster-policy.js';
import { selectorMatches } from '../../model/selectors.js';
import { tierPolicyView, type TierPolicyView } from '../../model/tier-rules.js';
import type { LabelSelector } from '../../model/api.js';
import type { Direction } from '../../model/verdicts.js';
import { endpointAddresses, type PodSpec, type Topology } from '../../model/topology.js';
import { labelsOfNamespace } from './selection.js';

function inNamespaces(topology: Topology, pod: PodSpec, selector: LabelSelector | undefined): boolean {
  return selectorMatches(selector ?? {}, labelsOfNamespace(topology, pod.namespace));
}

function inPods(topology: Topology, pod: PodSpec, pods: NamespacedPod): boolean {
  return inNamespaces(topology, pod, pods.namespaceSelector) && selectorMatches(pods.podSelector ?? {}, pod.labels);
}

export function subjectSelects(topology: Topology, subject: PolicySubject, pod: PodSpec): boolean {
  if (pod.hostNetwork === true) return false; // host-networked pods are never selected
  if (subject.namespaces !== undefined) return inNamespaces(topology, pod, subject.namespaces);
  return subject.pods !== undefined && inPods(topology, pod, subject.pods);
}

/** The policies of one tier that select the pod and have rules in `direction`, in evaluation order. */
export function tierPolicies(topology: Topology, policies: readonly ClusterPolicy[], pod: PodSpec, tier: Tier, direction: Direction): TierPolicyView[] {
  return [...policies]
    .sort(compareClusterPolicies)
    .map(tierPolicyView)
    .filter((view) => view.tier === tier && (direction === 'ingress' ? view.ingress : view.egress).length > 0 && subjectSelects(topology, view.policy.spec.subject, pod));
}

/** Pods a namespaces or pods peer names. */
export function tierPeerPods(topology: Topology, peer: EgressPeer): PodSpec[] {
  const selectable = topology.pods.filter((pod) => pod.hostNetwork !== true);
  if (peer.namespaces !== undefined) return selectable.filter((pod) => inNamespaces(topology, pod, peer.namespaces));
  if (peer.pods !== undefined) {
    const pods = peer.pods;
    return selectable.filter((pod) => inPods(topology, pod, pods));
  }
  return [];
}

/** Pods whose address lies in one of the networks (named ports of such a destination resolve on it). */
export function podsInNetworks(topology: Topology, networks: readonly string[]): PodSpec[] {
  const cidrs = networks.map((n) => parseCidr(n)).filter((c) => c !== undefined);
  return topology.pods.filter((pod) =>
    endpointAddresses(pod).some((text) => {
      const ip = parseIp(text);
      return ip !== undefined && cidrs.some((c) => cidrContains(c, ip));
    }),
  );
}
