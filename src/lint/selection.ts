// Policies and peers that select nothing in the input, and named ports no pod serves: each is
// valid, and each is usually a typo in a label, a namespace or a port name.
import type { NetworkPolicyPeer } from '../model/api.js';
import { formatSelector } from '../model/selectors.js';
import { withDns } from './dns.js';
import { peerPods, rulesOf, selectablePods, selectedPods, type LintCheck, type LintWarning } from './context.js';

function describeSelectorPeer(peer: NetworkPolicyPeer, namespace: string): string {
  const pods = peer.podSelector ? `pods matching ${formatSelector(peer.podSelector)}` : 'all pods';
  return peer.namespaceSelector ? `${pods} in namespaces matching ${formatSelector(peer.namespaceSelector)}` : `${pods} in namespace ${namespace}`;
}

export const selectsNoPod: LintCheck = ({ topology, policies }) =>
  policies.flatMap((p): LintWarning[] => {
    if (selectedPods(topology, p.policy).length > 0) return [];
    const where = `namespace ${p.policy.metadata.namespace}`;
    const message = selectablePods(topology).some((pod) => pod.namespace === p.policy.metadata.namespace)
      ? `selects no pod of ${where}: the policy has no effect (check the labels)`
      : `selects no pod: the input has no pod in ${where}`;
    return [{ check: 'selects-no-pod', policy: p, field: 'spec.podSelector', message }];
  });

/** Judged with the cluster DNS in the topology (as egress-blocks-dns does), so the usual DNS rule is not a finding. */
export const peerMatchesNothing: LintCheck = ({ topology: input, policies }) => {
  const topology = withDns(input).topology;
  return policies.flatMap((p) =>
    rulesOf(p.policy).flatMap((rule) =>
      (rule.peers ?? []).flatMap((peer, i): LintWarning[] => {
        const pods = peerPods(topology, peer, p.policy.metadata.namespace);
        if (pods === undefined || pods.length > 0) return [];
        const message = `matches no pod (${describeSelectorPeer(peer, p.policy.metadata.namespace)}): this peer allows nothing (check the labels and the namespace)`;
        return [{ check: 'peer-matches-nothing', policy: p, field: `${rule.path}.${rule.peerField}[${i}]`, message }];
      }),
    ),
  );
};

/**
 * A named port resolves on the destination: for ingress the pods the policy selects, for egress the
 * pods the rule's peers match (any pod when it has none). No such pod serving it: it matches nothing.
 */
export const namedPortUnserved: LintCheck = ({ topology, policies }) =>
  policies.flatMap((p) =>
    rulesOf(p.policy).flatMap((rule) => {
      const destinations =
        rule.direction === 'ingress'
          ? selectedPods(topology, p.policy)
          : rule.peers === undefined || rule.peers.length === 0
            ? selectablePods(topology)
            : rule.peers.flatMap((peer) => peerPods(topology, peer, p.policy.metadata.namespace) ?? []);
      return (rule.ports ?? []).flatMap((port, i): LintWarning[] => {
        if (typeof port.port !== 'string') return [];
        const protocol = port.protocol ?? 'TCP';
        if (destinations.some((d) => d.ports.some((q) => q.name === port.port && q.protocol === protocol))) return [];
        const whose = rule.direction === 'ingress' ? 'no pod this policy selects' : 'no pod this rule sends to';
        return [{ check: 'named-port-unserved', policy: p, field: `${rule.path}.ports[${i}].port`, message: `${whose} has a container port named "${port.port}" (${protocol}): this port matches nothing` }];
      });
    }),
  );
