// The naive oracle for the cluster-scoped tiers, written straight from the API's definitions and
// sharing nothing with src/engine: for one pod and direction, the policies of a tier that select
// the pod, by priority (ties by kind, then name, the project's documented choice), each one's rules
// in written order; the first rule whose peer and port match decides.
import { cidrContains, parseCidr, parseIp } from '../../src/model/cidr.js';
import type { AnpPort, ClusterPolicy, CnpProtocol, EgressPeer, NamespacedPod, PolicySubject } from '../../src/model/cluster-policy.js';
import { selectorMatches } from '../../src/model/selectors.js';
import { NAMESPACE_NAME_LABEL, type LabelSelector } from '../../src/model/api.js';
import { type Flow } from '../../src/model/verdicts.js';
import { type PodSpec, type Topology } from '../../src/model/topology.js';

export interface RefEnd {
  pod?: PodSpec;
  ip: string;
}

function namespaceLabels(topology: Topology, namespace: string): Record<string, string> {
  return { ...topology.namespaces.find((n) => n.name === namespace)?.labels, [NAMESPACE_NAME_LABEL]: namespace };
}

function podInNamespaces(pod: PodSpec, selector: LabelSelector | undefined, topology: Topology): boolean {
  return selectorMatches(selector ?? {}, namespaceLabels(topology, pod.namespace));
}

function podMatches(pod: PodSpec, pods: NamespacedPod, topology: Topology): boolean {
  return podInNamespaces(pod, pods.namespaceSelector, topology) && selectorMatches(pods.podSelector ?? {}, pod.labels);
}

function selects(subject: PolicySubject, pod: PodSpec, topology: Topology): boolean {
  if (pod.hostNetwork === true) return false; // host-networked pods are never a subject
  if (subject.namespaces) return podInNamespaces(pod, subject.namespaces, topology);
  return subject.pods !== undefined && podMatches(pod, subject.pods, topology);
}

function peerMatches(peer: EgressPeer, end: RefEnd, action: string, topology: Topology): boolean {
  const fields = [peer.namespaces, peer.pods, peer.networks, peer.nodes, peer.domainNames].filter((f) => f !== undefined);
  if (fields.length === 0) return action !== 'Accept' && action !== 'Allow'; // fails closed
  const pod = end.pod?.hostNetwork === true ? undefined : end.pod; // nor a namespaces or pods peer
  if (peer.namespaces) return pod !== undefined && podInNamespaces(pod, peer.namespaces, topology);
  if (peer.pods) return pod !== undefined && podMatches(pod, peer.pods, topology);
  if (peer.networks) {
    const ip = parseIp(end.ip);
    return ip !== undefined && peer.networks.some((n) => {
      const cidr = parseCidr(n);
      return cidr !== undefined && cidrContains(cidr, ip);
    });
  }
  return false; // nodes, domainNames: nothing in a topology is one
}

function namedPortMatches(name: string, flow: Flow, destination: PodSpec | undefined): boolean {
  return destination?.ports.some((p) => p.name === name && p.port === flow.port && p.protocol === flow.protocol) ?? false;
}

function cnpProtocolMatches(entry: CnpProtocol, flow: Flow, destination: PodSpec | undefined): boolean {
  if (entry.destinationNamedPort !== undefined) return namedPortMatches(entry.destinationNamedPort, flow, destination);
  const byProtocol = { TCP: entry.tcp, UDP: entry.udp, SCTP: entry.sctp }[flow.protocol];
  if (byProtocol === undefined) return false;
  const port = byProtocol.destinationPort;
  if (port?.number !== undefined) return port.number === flow.port;
  if (port?.range !== undefined) return port.range.start <= flow.port && flow.port <= port.range.end;
  return true;
}

function anpPortMatches(entry: AnpPort, flow: Flow, destination: PodSpec | undefined): boolean {
  if (entry.portNumber) return (entry.portNumber.protocol ?? 'TCP') === flow.protocol && entry.portNumber.port === flow.port;
  if (entry.namedPort !== undefined) return namedPortMatches(entry.namedPort, flow, destination);
  if (entry.portRange) return (entry.portRange.protocol ?? 'TCP') === flow.protocol && entry.portRange.start <= flow.port && flow.port <= entry.portRange.end;
  return false;
}

interface PlainRule {
  action: string;
  peers: EgressPeer[];
  portsMatch: (flow: Flow, destination: PodSpec | undefined) => boolean;
}

function plainRules(policy: ClusterPolicy, ingress: boolean): PlainRule[] {
  if (policy.kind === 'ClusterNetworkPolicy') {
    const rules = ingress ? (policy.spec.ingress ?? []).map((r) => ({ ...r, peers: r.from })) : (policy.spec.egress ?? []).map((r) => ({ ...r, peers: r.to }));
    return rules.map((r) => ({ action: r.action, peers: r.peers, portsMatch: (f, d) => r.protocols === undefined || r.protocols.some((p) => cnpProtocolMatches(p, f, d)) }));
  }
  const rules: { action: string; peers: EgressPeer[]; ports?: AnpPort[] }[] = ingress
    ? (policy.spec.ingress ?? []).map((r) => ({ action: r.action, peers: r.from, ...(r.ports ? { ports: r.ports } : {}) }))
    : (policy.spec.egress ?? []).map((r) => ({ action: r.action, peers: r.to, ...(r.ports ? { ports: r.ports } : {}) }));
  return rules.map((r) => ({ action: r.action, peers: r.peers, portsMatch: (f, d) => r.ports === undefined || r.ports.some((p) => anpPortMatches(p, f, d)) }));
}

function tierOfPolicy(policy: ClusterPolicy): 'Admin' | 'Baseline' {
  if (policy.kind === 'ClusterNetworkPolicy') return policy.spec.tier;
  return policy.kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline';
}

function priority(policy: ClusterPolicy): number {
  return policy.kind === 'BaselineAdminNetworkPolicy' ? 1001 : policy.spec.priority;
}

/** 'allow', 'deny', 'pass', or undefined when no rule of the tier matches. */
export function referenceTier(tier: 'Admin' | 'Baseline', self: PodSpec, other: RefEnd, flow: Flow, destination: PodSpec | undefined, ingress: boolean, topology: Topology, policies: readonly ClusterPolicy[]): 'allow' | 'deny' | 'pass' | undefined {
  const ordered = policies
    .filter((p) => tierOfPolicy(p) === tier && selects(p.spec.subject, self, topology))
    .sort((a, b) => priority(a) - priority(b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const policy of ordered) {
    for (const rule of plainRules(policy, ingress)) {
      if (rule.peers.some((peer) => peerMatches(peer, other, rule.action, topology)) && rule.portsMatch(flow, destination)) {
        return rule.action === 'Deny' ? 'deny' : rule.action === 'Pass' ? 'pass' : 'allow';
      }
    }
  }
  return undefined;
}
