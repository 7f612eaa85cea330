// Random cluster-scoped policies for fuzz, the property test and the sim-vs-netns differential:
// ClusterNetworkPolicies of both tiers, AdminNetworkPolicies and the BaselineAdminNetworkPolicy,
// with every action, subject and peer form (namespaces, pods, networks over pod and external
// addresses, the empty peer that fails closed), every port form of both versions, and priorities
// drawn from a small set so ties occur. The vocabulary (labels, networks, ports) is the caller's.
import type { AnpEgressRule, AnpIngressRule, AnpPort, ClusterPolicy, CnpEgressRule, CnpIngressRule, CnpProtocol, EgressPeer, PolicySubject } from '../model/cluster-policy.js';
import type { LabelSelector } from '../model/meta.js';
import { NAMESPACE_NAME_LABEL } from '../model/api.js';
import { podId, type Topology } from '../model/topology.js';
import { Random } from './random.js';
import { PORT_NAMES, shapeLabels, type ClusterShape } from './random-cluster.js';

export interface PolicyVocabulary {
  namespaceLabels: Record<string, string[]>;
  podLabels: Record<string, string[]>;
  networks: string[][];
  /** Port numbers for single ports; ranges are drawn around them. */
  ports: { TCP: number[]; UDP: number[]; SCTP: number[] };
  namedPorts: string[];
  /** How many policies at most (uniform in 0..max). */
  maxPolicies: number;
}

export function randomClusterPolicies(seed: number, vocabulary: PolicyVocabulary): ClusterPolicy[] {
  const { namespaceLabels: NS_KEYS, podLabels: POD_KEYS, networks: NETWORKS, ports: PORTS, namedPorts: NAMED } = vocabulary;
  // A stream of its own, so the NetworkPolicies drawn for the same seed stay what they were.
  const r = new Random(seed ^ 0x5eed1e55);
  const int = (n: number): number => r.int(n);
  const pick = <T>(items: readonly T[]): T => r.pick(items);
  const chance = (p: number): boolean => r.chance(p);

  const selector = (keys: Record<string, string[]>): LabelSelector => {
    const key = pick(Object.keys(keys));
    const values = keys[key] ?? [];
    switch (int(4)) {
      case 0:
        return {};
      case 1:
        return { matchLabels: { [key]: pick(values) } };
      case 2:
        return { matchExpressions: [{ key, operator: pick(['In', 'NotIn'] as const), values: [pick(values)] }] };
      default:
        return { matchExpressions: [{ key, operator: pick(['Exists', 'DoesNotExist'] as const) }] };
    }
  };
  const subject = (): PolicySubject => (chance(0.5) ? { namespaces: selector(NS_KEYS) } : { pods: { namespaceSelector: selector(NS_KEYS), podSelector: selector(POD_KEYS) } });
  const peer = (egress: boolean): EgressPeer => {
    const roll = int(egress ? 7 : 5);
    if (roll <= 1) return { namespaces: selector(NS_KEYS) };
    if (roll <= 3) return { pods: { namespaceSelector: selector(NS_KEYS), podSelector: selector(POD_KEYS) } };
    if (roll === 4) return {}; // a field of a newer version: fails closed
    return { networks: [...pick(NETWORKS)] };
  };
  const range = (numbers: readonly number[]): { start: number; end: number } => {
    const at = pick(numbers);
    return { start: Math.max(1, at - int(3)), end: at + 1 + int(2) };
  };
  const protocol = (): CnpProtocol => {
    switch (int(6)) {
      case 0:
        return { tcp: { destinationPort: { number: pick(PORTS.TCP) } } };
      case 1:
        return { tcp: { destinationPort: { range: range(PORTS.TCP) } } };
      case 2:
        return { udp: { destinationPort: { number: pick(PORTS.UDP) } } };
      case 3:
        return { udp: { destinationPort: { range: range(PORTS.UDP) } } };
      case 4:
        return { sctp: { destinationPort: { number: pick(PORTS.SCTP) } } };
      default:
        return { destinationNamedPort: pick(NAMED) };
    }
  };
  const port = (): AnpPort => {
    switch (int(5)) {
      case 0:
        return { portNumber: { port: pick(PORTS.TCP) } };
      case 1: {
        const protocol = pick(['TCP', 'UDP', 'SCTP'] as const);
        return { portNumber: { protocol, port: pick(PORTS[protocol]) } };
      }
      case 2:
        return { portRange: range(PORTS.TCP) };
      case 3:
        return { portRange: { protocol: 'UDP', ...range(PORTS.UDP) } };
      default:
        return { namedPort: pick(NAMED) };
    }
  };
  const list = <T>(make: () => T, max: number): T[] => Array.from({ length: 1 + int(max) }, make);

  const name = (): { name?: string } => (chance(0.3) ? { name: `r${int(9)}` } : {});
  const maybe = <T>(make: () => T[]): T[] | undefined => (chance(0.3) ? undefined : make());
  const cnpIngress = (): CnpIngressRule => ({ ...name(), action: pick(CNP_ACTIONS), from: list(() => peer(false), 2), ...(chance(0.5) ? { protocols: list(protocol, 2) } : {}) });
  const cnpEgress = (): CnpEgressRule => ({ ...name(), action: pick(CNP_ACTIONS), to: list(() => peer(true), 2), ...(chance(0.5) ? { protocols: list(protocol, 2) } : {}) });
  const anpIngress = <A extends string>(actions: readonly A[]) => (): AnpIngressRule<A> => ({ ...name(), action: pick(actions), from: list(() => peer(false), 2), ...(chance(0.5) ? { ports: list(port, 2) } : {}) });
  const anpEgress = <A extends string>(actions: readonly A[]) => (): AnpEgressRule<A> => ({ ...name(), action: pick(actions), to: list(() => peer(true), 2), ...(chance(0.5) ? { ports: list(port, 2) } : {}) });
  const rules = <I, E>(ingress: () => I, egress: () => E): { ingress?: I[]; egress?: E[] } => {
    const i = maybe(() => list(ingress, 3));
    const e = maybe(() => list(egress, 3));
    return { ...(i ? { ingress: i } : {}), ...(e ? { egress: e } : {}) };
  };

  const policies: ClusterPolicy[] = [];
  const count = int(vocabulary.maxPolicies + 1);
  for (let i = 0; i < count; i++) {
    const kind = pick(['cnp-admin', 'cnp-baseline', 'anp', 'banp'] as const);
    const priority = pick([0, 1, 2, 5]);
    switch (kind) {
      case 'cnp-admin':
      case 'cnp-baseline':
        policies.push({
          apiVersion: 'policy.networking.k8s.io/v1alpha2',
          kind: 'ClusterNetworkPolicy',
          metadata: { name: `cnp${i}` },
          spec: { tier: kind === 'cnp-admin' ? 'Admin' : 'Baseline', priority, subject: subject(), ...rules(cnpIngress, cnpEgress) },
        });
        break;
      case 'anp':
        policies.push({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: `anp${i}` }, spec: { priority, subject: subject(), ...rules(anpIngress(ANP_ACTIONS), anpEgress(ANP_ACTIONS)) } });
        break;
      case 'banp':
        // There is at most one, named default.
        if (policies.some((p) => p.kind === 'BaselineAdminNetworkPolicy')) break;
        policies.push({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject: subject(), ...rules(anpIngress(BANP_ACTIONS), anpEgress(BANP_ACTIONS)) } });
        break;
    }
  }
  return policies;
}

const CNP_ACTIONS = ['Accept', 'Deny', 'Pass'] as const;
const ANP_ACTIONS = ['Allow', 'Deny', 'Pass'] as const;
const BANP_ACTIONS = ['Allow', 'Deny'] as const;

/**
 * What fuzz's cluster-scoped policies may name in a random cluster: the shape's labels, the
 * topology's namespaces, networks about its pods (as address templates, like its ipBlocks) and
 * external hosts, the shape's ports and the pods' port names.
 */
export function tierVocabulary(shape: ClusterShape, topology: Topology): PolicyVocabulary {
  const labels = shapeLabels(shape);
  const pods = topology.pods.filter((p) => !p.ip.includes(':')).map((p) => podId(p.namespace, p.name));
  const [first, last] = [pods[0], pods.at(-1)];
  const networks: string[][] = [['0.0.0.0/0'], ...topology.externals.map((e) => [`${e.ip}/${e.ip.includes(':') ? 128 : 32}`])];
  if (first !== undefined && last !== undefined) networks.push([`{{ip ${first}}}/32`], [`{{net ${last} 24}}`], [`{{net ${first} 16}}`], [`{{ip ${last}}}/32`, '203.0.113.0/24']);
  // A shape with IPv6 pods is built dual-stack (sim, netns): networks of both families then.
  if (shape.ipv6Share > 0) networks.push(['::/0'], ['2001:db8::/64', ...(first !== undefined ? [`{{net6 ${first} 64}}`] : [])]);
  const numbers = (protocol: 'TCP' | 'UDP' | 'SCTP'): number[] => {
    const of = shape.ports.filter((p) => p.protocol === protocol).map((p) => p.port);
    return of.length > 0 ? of : [80];
  };
  return {
    namespaceLabels: { ...labels.namespaces, [NAMESPACE_NAME_LABEL]: topology.namespaces.map((n) => n.name) },
    podLabels: labels.pods,
    networks,
    ports: { TCP: numbers('TCP'), UDP: numbers('UDP'), SCTP: numbers('SCTP') },
    namedPorts: [...new Set([...PORT_NAMES.TCP, ...PORT_NAMES.UDP])],
    maxPolicies: 3,
  };
}
