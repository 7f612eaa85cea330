// A deliberately naive evaluator written straight from docs/semantics.md, used as the oracle of the
// property test. It shares nothing with src/engine (no compilation, no tables, no caches), so an
// optimisation of the engine that changes a verdict shows up as a disagreement.
import { cidrContains, parseCidr, parseIp } from '../../src/model/cidr.js';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';
import { selectorMatches } from '../../src/model/selectors.js';
import { NAMESPACE_NAME_LABEL, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type PolicyType } from '../../src/model/api.js';
import type { Flow } from '../../src/model/verdicts.js';
import { addressOfFamily, flowFamily, type ExternalHost, type PodSpec, type Topology } from '../../src/model/topology.js';
import type { IpFamily } from '../../src/model/cidr.js';
import { referenceTier } from './reference-tiers.js';

interface RefEndpoint {
  pod?: PodSpec;
  /** The address in the flow's family: the one an ipBlock is compared with. */
  ip: string;
}

function spec(topology: Topology, id: string): PodSpec | ExternalHost {
  const found = topology.pods.find((p) => `${p.namespace}/${p.name}` === id) ?? topology.externals.find((e) => e.name === id);
  if (!found) throw new Error(`reference: unknown endpoint ${id}`);
  return found;
}

/** An endpoint as the flow sees it: its address of the family the flow travels in. */
function endpoint(node: PodSpec | ExternalHost, family: IpFamily): RefEndpoint {
  const ip = addressOfFamily(node, family) ?? '';
  return 'namespace' in node ? { pod: node, ip } : { ip };
}

function policyTypes(policy: NetworkPolicy): PolicyType[] {
  const listed = policy.spec.policyTypes ?? [];
  if (listed.length > 0) return listed;
  return (policy.spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function inIpBlock(peer: NetworkPolicyPeer, ip: string): boolean {
  const block = peer.ipBlock;
  const address = parseIp(ip);
  const cidr = block && parseCidr(block.cidr);
  if (!block || !address || !cidr) return false;
  if (!cidrContains(cidr, address)) return false;
  return !(block.except ?? []).some((e) => {
    const ex = parseCidr(e);
    return ex !== undefined && cidrContains(ex, address);
  });
}

function peerMatches(peer: NetworkPolicyPeer, other: RefEndpoint, policyNamespace: string, topology: Topology, ipBlockMatchesPodIps: boolean): boolean {
  // A hostNetwork pod sends and receives as its node: only ipBlocks match it, pod addresses or not.
  if (peer.ipBlock) return (other.pod === undefined || other.pod.hostNetwork === true || ipBlockMatchesPodIps) && inIpBlock(peer, other.ip);
  const pod = other.pod;
  if (!pod || pod.hostNetwork) return false;
  // Every namespace carries kubernetes.io/metadata.name, listed in the topology or not.
  const nsLabels = { ...topology.namespaces.find((n) => n.name === pod.namespace)?.labels, [NAMESPACE_NAME_LABEL]: pod.namespace };
  const namespaceOk = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, nsLabels) : pod.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector === undefined || selectorMatches(peer.podSelector, pod.labels));
}

function portEntryMatches(entry: NetworkPolicyPort, flow: Flow, destination: PodSpec | undefined): boolean {
  if ((entry.protocol ?? 'TCP') !== flow.protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'number') return flow.port >= entry.port && flow.port <= (entry.endPort ?? entry.port);
  if (/^\d+$/.test(entry.port)) return flow.port === Number(entry.port);
  const name = entry.port;
  return destination !== undefined && destination.ports.some((p) => p.name === name && p.protocol === flow.protocol && p.port === flow.port);
}

/** The tiers in order: Admin, NetworkPolicy (when some policy isolates the pod), Baseline, default allow. */
function directionAllows(type: PolicyType, self: PodSpec, other: RefEndpoint, flow: Flow, destination: PodSpec | undefined, topology: Topology, policies: readonly NetworkPolicy[], podIps: boolean, clusterPolicies: readonly ClusterPolicy[]): boolean {
  const ingress = type === 'Ingress';
  const admin = referenceTier('Admin', self, other, flow, destination, ingress, topology, clusterPolicies);
  if (admin === 'allow' || admin === 'deny') return admin === 'allow';
  const np = networkPolicyTier(type, self, other, flow, destination, topology, policies, podIps);
  if (np !== undefined) return np;
  return referenceTier('Baseline', self, other, flow, destination, ingress, topology, clusterPolicies) !== 'deny';
}

function networkPolicyTier(type: PolicyType, self: PodSpec, other: RefEndpoint, flow: Flow, destination: PodSpec | undefined, topology: Topology, policies: readonly NetworkPolicy[], podIps: boolean): boolean | undefined {
  const selecting = policies.filter(
    (p) => p.metadata.namespace === self.namespace && selectorMatches(p.spec.podSelector, self.labels) && policyTypes(p).includes(type),
  );
  if (selecting.length === 0) return undefined;
  return selecting.some((policy) => {
    const rules = type === 'Ingress' ? (policy.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })) : (policy.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    return rules.some(
      (rule) =>
        (rule.peers === undefined || rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(peer, other, policy.metadata.namespace, topology, podIps))) &&
        (rule.ports === undefined || rule.ports.length === 0 || rule.ports.some((entry) => portEntryMatches(entry, flow, destination))),
    );
  });
}

export function referenceAllowed(topology: Topology, policies: readonly NetworkPolicy[], flow: Flow, ipBlockMatchesPodIps = true, clusterPolicies: readonly ClusterPolicy[] = []): boolean {
  if (flow.from === flow.to) return true;
  const [from, to] = [spec(topology, flow.from), spec(topology, flow.to)];
  // Ends with no family in common cannot talk; their policies are judged in the destination's.
  const family = flowFamily(from, to, flow.family) ?? flow.family ?? parseIp(to.ip)?.family ?? 4;
  const src = endpoint(from, family);
  const dst = endpoint(to, family);
  // No policy selects a hostNetwork pod: neither direction is ever isolated at its end.
  const egress = src.pod === undefined || src.pod.hostNetwork === true || directionAllows('Egress', src.pod, dst, flow, dst.pod, topology, policies, ipBlockMatchesPodIps, clusterPolicies);
  const ingress = dst.pod === undefined || dst.pod.hostNetwork === true || directionAllows('Ingress', dst.pod, src, flow, dst.pod, topology, policies, ipBlockMatchesPodIps, clusterPolicies);
  return egress && ingress;
}
