// Egress isolation that blocks DNS: once a pod is isolated for egress, its name lookups (UDP and
// TCP 53 to the cluster DNS in kube-system) need a rule of their own, which is easy to forget. The
// engine judges each selected pod's lookups against the DNS pods of the input (k8s-app=kube-dns in
// kube-system) or, when the input has none, against a stand-in with those labels.
import { createEngine, effectivePolicyTypes } from '../engine/index.js';
import { withNamespaceNameLabel, type PodSpec, type PortSpec, type Topology } from '../model/topology.js';
import { selectedPods, type LintCheck, type LintWarning } from './context.js';

export const DNS_NAMESPACE = 'kube-system';
const DNS_LABELS = { 'k8s-app': 'kube-dns' };
const DNS_PORTS: PortSpec[] = [
  { port: 53, protocol: 'UDP', name: 'dns' },
  { port: 53, protocol: 'TCP', name: 'dns-tcp' },
];

/** The topology with the cluster DNS in it: the input's DNS pods, or one stand-in. */
export function withDns(topology: Topology): { topology: Topology; dns: PodSpec[] } {
  const present = topology.pods.filter((p) => p.namespace === DNS_NAMESPACE && p.labels['k8s-app'] === 'kube-dns' && !p.hostNetwork);
  if (present.length > 0) return { topology, dns: present };
  const standIn: PodSpec = { namespace: DNS_NAMESPACE, name: 'kube-dns (stand-in)', labels: DNS_LABELS, ip: '10.244.0.10', ports: DNS_PORTS };
  const namespaces = topology.namespaces.some((n) => n.name === DNS_NAMESPACE) ? topology.namespaces : [...topology.namespaces, { name: DNS_NAMESPACE, labels: withNamespaceNameLabel(DNS_NAMESPACE, undefined) }];
  return { topology: { ...topology, namespaces, pods: [...topology.pods, standIn] }, dns: [standIn] };
}

export const egressBlocksDns: LintCheck = ({ topology, policies, clusterPolicies }) => {
  const egressPolicies = policies.filter((p) => effectivePolicyTypes(p.policy.spec).includes('Egress'));
  if (egressPolicies.length === 0) return [];
  const state = withDns(topology);
  const engine = createEngine({ topology: state.topology, policies: policies.map((p) => p.policy), clusterPolicies: clusterPolicies.map((p) => p.policy) });
  // A lookup whose egress the Admin tier decides is out of any NetworkPolicy's hands: not a finding here.
  const resolves = (pod: PodSpec, port: PortSpec): boolean =>
    state.dns.some((dns) => {
      const flow = { from: `${pod.namespace}/${pod.name}`, to: `${dns.namespace}/${dns.name}`, port: port.port, protocol: port.protocol };
      return dns !== pod && (engine.isAllowed(flow) || engine.verdict(flow).egress.decidedBy === 'admin');
    });
  return egressPolicies.flatMap((p): LintWarning[] => {
    const blocked = selectedPods(topology, p.policy).flatMap((pod) => {
      const ports = DNS_PORTS.filter((port) => !resolves(pod, port));
      return ports.length > 0 ? [{ pod, ports }] : [];
    });
    if (blocked.length === 0) return [];
    const first = blocked[0];
    const pods = blocked.slice(0, 3).map((b) => `${b.pod.namespace}/${b.pod.name}`).join(', ') + (blocked.length > 3 ? ` and ${blocked.length - 3} more` : '');
    const ports = (first?.ports ?? []).map((q) => `${q.port}/${q.protocol}`).join(' and ');
    const message = `isolates egress but no rule lets ${pods} reach DNS in ${DNS_NAMESPACE} on ${ports}: name lookups will fail; allow UDP and TCP 53 to namespace ${DNS_NAMESPACE} (k8s-app=kube-dns)`;
    return [{ check: 'egress-blocks-dns', policy: p, field: (p.policy.spec.egress ?? []).length > 0 ? 'spec.egress' : 'spec.policyTypes', message }];
  });
};
