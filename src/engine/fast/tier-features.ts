// What of an endpoint the cluster-scoped policies can tell apart, added to what the
// NetworkPolicies can (./features.ts): the pod label keys and values their subjects and peers
// select by, the container port names their named ports use, and the CIDRs of their `networks`
// peers, which match every address in them, pods' included.
import { parseCidr } from '../../model/cidr.js';
import type { ClusterPolicy, NamespacedPod } from '../../model/cluster-policy.js';
import { tierPolicyView } from '../../model/tier-rules.js';
import { noteSelector, type PolicyFeatures } from './features.js';

function notePods(pods: NamespacedPod | undefined, features: PolicyFeatures): void {
  // An absent pod selector selects every pod: it names no label.
  if (pods) noteSelector(pods.podSelector, features.podLabelValues);
}

export function addTierFeatures(features: PolicyFeatures, clusterPolicies: readonly ClusterPolicy[]): void {
  for (const policy of clusterPolicies) {
    notePods(policy.spec.subject.pods, features);
    const view = tierPolicyView(policy);
    for (const rule of [...view.ingress, ...view.egress]) {
      for (const peer of rule.peers) {
        notePods(peer.pods, features);
        for (const text of peer.networks ?? []) {
          const cidr = parseCidr(text);
          // A CIDR that does not parse matches nothing, as on the explaining path.
          if (cidr && !features.networks.has(text)) features.networks.set(text, cidr);
        }
      }
      for (const port of rule.ports ?? []) if (port.kind === 'named') features.portNames.add(port.name);
    }
  }
}
