// Random clusters, the one generator `fuzz`, the engine's property test, the netns differential
// test and the benchmarks share. A shape says how big and which features; the policy grammar is
// the same for all: every selector operator and matchLabels with matchExpressions, both peer forms
// and their AND, ipBlock with except in both families, protocols with and without a default,
// numeric, ranged and named ports, empty versus absent lists everywhere, every policyTypes form.
// ipBlocks are fixed CIDRs or about the topology's own pods, the latter written as address
// templates (`{{ip x/p0}}/32`, `{{net x/p0 24}}`) so they follow the pods to whatever addresses a
// cluster gives them: randomPolicies keeps the templates (fuzz expands them against the topology
// as built, ./templated.ts), randomCluster expands them against the topology drawn.
// Seeded (mulberry32), so a failing case is replayed from its seed.
import { NAMESPACE_NAME_LABEL, type ContainerPort, type IPBlock, type KubeObject, type LabelSelector, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type NetworkPolicySpec, type PolicyType, type Protocol } from '../model/api.js';
import { buildTopology } from '../model/build-topology.js';
import { podId, type ExternalHost, type PortSpec, type Topology } from '../model/topology.js';
import { Random, type Range } from './random.js';
import { expandPolicies } from './templated.js';

export interface ClusterShape {
  namespaces: Range;
  /** Pods in all, spread over the namespaces. */
  pods: Range;
  policies: Range;
  /** Ports a pod may serve: each under a name that varies per pod, so named ports resolve differently. */
  ports: readonly PortSpec[];
  /** Every pod serves every port (real targets see `refused` on a port nothing serves). */
  serveAll: boolean;
  /** External hosts to draw from, each present with probability `externalShare`. */
  externals: readonly ExternalHost[];
  externalShare: number;
  /** Share of pods with an IPv6 address. */
  ipv6Share: number;
  /**
   * Pods and policies now and then in a namespace the topology does not list, and listed
   * namespaces without their name label: a topology built by other means than buildTopology.
   */
  strays: boolean;
  /**
   * Share of pods in the host network (default none): they have their node's address, shared with
   * the node's other hostNetwork pods, one of two nodes inside and outside the pods' range.
   */
  hostNetworkShare?: number;
  /** Label keys and values of pods and namespaces; small by default, so selectors often match. */
  labels?: { pods: Vocabulary; namespaces: Vocabulary };
  /**
   * Pods per workload (default 1): replicas share their namespace, labels and container ports, as
   * in real clusters, where most pods are replicas; only their names and addresses differ.
   */
  replicas?: number;
}

type Vocabulary = Record<string, string[]>;

export interface RandomCluster {
  seed: number;
  topology: Topology;
  policies: NetworkPolicy[];
}

const LABELS = { pods: { app: ['web', 'api', 'db'], tier: ['fe', 'be'] }, namespaces: { env: ['prod', 'dev'], team: ['a', 'b'] } };
/** Container port names, by protocol; a pod gives some of its ports one of them. */
export const PORT_NAMES: Record<Protocol, string[]> = { TCP: ['http', 'metrics', 'alt'], UDP: ['dns', 'alt'], SCTP: ['sctp'] };

/** The label keys and values the shape's pods and namespaces draw from. */
export function shapeLabels(shape: ClusterShape): { pods: Record<string, string[]>; namespaces: Record<string, string[]> } {
  return shape.labels ?? LABELS;
}
const STRAY_NAMESPACE = 'w';

/** Pod addresses: namespace n, pod i is 10.244.(n+1).(i+1), or fd00::(n+1):(i+1) for IPv6. */
const IP_BLOCKS: IPBlock[] = [
  { cidr: '10.244.0.0/16' },
  { cidr: '10.244.1.0/24', except: ['10.244.1.2/32'] },
  { cidr: '10.244.1.0/25', except: ['10.244.1.4/31', '10.244.1.8/29'] },
  { cidr: '10.244.2.1/32' },
  { cidr: '0.0.0.0/0', except: ['10.244.0.0/16'] },
  { cidr: '0.0.0.0/0', except: ['192.168.0.0/16', '10.244.2.0/24'] },
  { cidr: '192.168.5.0/24' },
  { cidr: '192.168.5.0/24', except: ['192.168.5.10/32'] },
  { cidr: '203.0.113.0/24' },
  { cidr: 'fd00::/16', except: ['fd00::1:1/128'] },
  { cidr: '::/0' },
  // Pods are dual-stack: a pod stated with an IPv4 address has fd00:10:244:: plus it as its IPv6 one.
  { cidr: 'fd00:10:244::/64', except: ['fd00:10:244::af4:101/128'] },
  { cidr: 'fd00:10:244::af4:100/120' },
  { cidr: '2001:db8::/64' },
  { cidr: '2001:db8::/64', except: ['2001:db8::/120'] },
];

function labels(r: Random, vocabulary: Vocabulary): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(vocabulary)) if (r.chance(0.6)) out[key] = r.pick(values);
  return out;
}

function containerPorts(r: Random, shape: ClusterShape): ContainerPort[] {
  const served = shape.serveAll ? shape.ports : shape.ports.filter(() => r.chance(0.5));
  const used = new Set<string>();
  return served.map((p) => {
    // A name is unique within a pod; the same name maps to different numbers on different pods.
    const name = r.chance(0.6) ? r.pick(PORT_NAMES[p.protocol]) : undefined;
    const unique = name !== undefined && !used.has(name) ? name : undefined;
    if (unique) used.add(unique);
    return { containerPort: p.port, protocol: p.protocol, ...(unique ? { name: unique } : {}) };
  });
}

export function randomTopology(r: Random, shape: ClusterShape): Topology {
  const vocabulary = shape.labels ?? LABELS;
  const namespaces = Array.from({ length: r.within(shape.namespaces) }, (_, n) => ['x', 'y', 'z'][n] ?? `ns-${n}`);
  const objects: KubeObject[] = namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: labels(r, vocabulary.namespaces) } }));
  const count = r.within(shape.pods);
  const perNamespace = new Map<string, number>();
  const replicas = Math.max(1, shape.replicas ?? 1);
  let workload: { namespace: string; labels?: Record<string, string>; ports?: ContainerPort[] } = { namespace: '' };
  for (let i = 0; i < count; i++) {
    if (i % replicas === 0) {
      const w = i / replicas;
      workload = { namespace: shape.strays && r.chance(0.1) ? STRAY_NAMESPACE : (namespaces[w % namespaces.length] ?? 'x') };
    }
    const namespace = workload.namespace;
    const n = namespace === STRAY_NAMESPACE ? namespaces.length : namespaces.indexOf(namespace);
    const k = perNamespace.get(namespace) ?? 0;
    perNamespace.set(namespace, k + 1);
    if (k >= 254) throw new Error(`random cluster: more than 254 pods in namespace ${namespace}`);
    const ip = r.chance(shape.ipv6Share) ? `fd00::${n + 1}:${k + 1}` : `10.244.${n + 1}.${k + 1}`;
    // Drawn after the address, as for a single pod, so shapes without replicas keep their clusters.
    workload.labels ??= labels(r, vocabulary.pods);
    workload.ports ??= containerPorts(r, shape);
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace, name: `p${k}`, labels: { ...workload.labels } },
      spec: { containers: [{ name: 'serve', ports: workload.ports }] },
      status: { podIP: ip },
    });
    const pod = objects.at(-1);
    if (pod?.kind === 'Pod' && shape.hostNetworkShare !== undefined && r.chance(shape.hostNetworkShare)) {
      pod.spec.hostNetwork = true;
      pod.status = { hostIP: r.pick(['172.18.0.2', '10.244.0.250']) };
    }
  }
  const built = buildTopology(objects, shape.externals.filter(() => r.chance(shape.externalShare)));
  if (!shape.strays || !r.chance(0.25)) return built;
  // Built by other means: the stray namespace unlisted, the listed ones without their name label.
  const unlabelled = (l: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(l).filter(([k]) => k !== NAMESPACE_NAME_LABEL));
  return { ...built, namespaces: built.namespaces.filter((n) => n.name !== STRAY_NAMESPACE).map((n) => ({ name: n.name, labels: unlabelled(n.labels) })) };
}

function selector(r: Random, vocabulary: Vocabulary): LabelSelector {
  const keys = Object.keys(vocabulary);
  const key = r.pick(keys);
  const values = vocabulary[key] ?? ['v'];
  switch (r.int(6)) {
    case 0:
      return {};
    case 1:
      return { matchLabels: { [key]: r.pick(values) } };
    case 2:
      return { matchExpressions: [{ key, operator: r.pick(['In', 'NotIn'] as const), values: [...new Set([r.pick(values), r.pick(values)])] }] };
    case 3:
      return { matchExpressions: [{ key, operator: r.pick(['Exists', 'DoesNotExist'] as const) }] };
    case 4:
      return { matchLabels: { [key]: r.pick(values) }, matchExpressions: [{ key: r.pick(keys), operator: 'NotIn', values: [r.pick(values)] }] };
    default:
      return { matchExpressions: [{ key, operator: 'Exists' }, { key: r.pick(keys), operator: 'DoesNotExist' }] };
  }
}

/**
 * An ipBlock about one IPv4 pod of the topology, as templates: the pod, its namespace's network
 * (pods of namespace n share 10.244.(n+1).0/24 here), every pod, everything but the pods. Each
 * except lies inside its cidr whatever the addresses (the API server rejects one that does not).
 */
function podBlock(r: Random, topology: Topology): IPBlock | undefined {
  const pods = topology.pods.filter((p) => !p.ip.includes(':'));
  if (pods.length === 0) return undefined;
  const pod = r.pick(pods);
  const id = podId(pod.namespace, pod.name);
  const ip = `{{ip ${id}}}/32`;
  const namespace = `{{net ${id} 24}}`;
  const all = `{{net ${id} 16}}`;
  return r.pick<IPBlock>([{ cidr: ip }, { cidr: namespace }, { cidr: namespace, except: [ip] }, { cidr: all, except: [namespace] }, { cidr: all, except: [ip] }, { cidr: '0.0.0.0/0', except: [all] }]);
}

function ipBlock(r: Random, topology: Topology): IPBlock {
  return (r.chance(0.5) ? podBlock(r, topology) : undefined) ?? structuredClone(r.pick(IP_BLOCKS));
}

function peer(r: Random, topology: Topology, vocabulary: { pods: Vocabulary; namespaces: Vocabulary }): NetworkPolicyPeer {
  const nsVocabulary = { ...vocabulary.namespaces, [NAMESPACE_NAME_LABEL]: topology.namespaces.map((n) => n.name) };
  switch (r.int(4)) {
    case 0:
      return { podSelector: selector(r, vocabulary.pods) };
    case 1:
      return { namespaceSelector: selector(r, nsVocabulary) };
    case 2:
      return { podSelector: selector(r, vocabulary.pods), namespaceSelector: selector(r, nsVocabulary) };
    default:
      return { ipBlock: ipBlock(r, topology) };
  }
}

function port(r: Random, shape: ClusterShape): NetworkPolicyPort {
  const protocol = r.chance(0.4) ? {} : { protocol: r.pick(['TCP', 'UDP', 'SCTP'] as const) };
  const numbers = shape.ports.map((p) => p.port);
  switch (r.int(5)) {
    case 0:
      return protocol;
    case 1:
      return { ...protocol, port: r.pick(numbers) };
    case 2: {
      const from = r.pick(numbers) - r.int(2);
      return { ...protocol, port: from, endPort: from + r.pick([0, 1, 20]) };
    }
    default:
      return { ...protocol, port: r.pick([...PORT_NAMES.TCP, ...PORT_NAMES.UDP, ...PORT_NAMES.SCTP, 'nope']) };
  }
}

/** absent, [] or 1-2 items. */
function list<T>(r: Random, make: () => T): T[] | undefined {
  if (r.chance(0.25)) return undefined;
  if (r.chance(0.15)) return [];
  return Array.from({ length: 1 + r.int(2) }, make);
}

const POLICY_TYPES: (PolicyType[] | undefined)[] = [undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress']];

/** Policies for the topology; ipBlocks about its pods are address templates (see the header). */
export function randomPolicies(r: Random, shape: ClusterShape, topology: Topology): NetworkPolicy[] {
  const namespaces = topology.namespaces.map((n) => n.name);
  const vocabulary = shape.labels ?? LABELS;
  const rule = <K extends 'from' | 'to'>(key: K): { [P in K]?: NetworkPolicyPeer[] } & { ports?: NetworkPolicyPort[] } => {
    const peers = list(r, () => peer(r, topology, vocabulary));
    const ports = list(r, () => port(r, shape));
    return { ...(peers ? { [key]: peers } : {}), ...(ports ? { ports } : {}) } as { [P in K]?: NetworkPolicyPeer[] } & { ports?: NetworkPolicyPort[] };
  };
  return Array.from({ length: r.within(shape.policies) }, (_, i) => {
    const types = r.pick(POLICY_TYPES);
    const ingress = list(r, () => rule('from'));
    const egress = list(r, () => rule('to'));
    const spec: NetworkPolicySpec = {
      ...(r.chance(0.2) ? {} : { podSelector: selector(r, vocabulary.pods) }),
      ...(types ? { policyTypes: [...types] } : {}),
      ...(ingress ? { ingress } : {}),
      ...(egress ? { egress } : {}),
    };
    const namespace = shape.strays && r.chance(0.15) ? STRAY_NAMESPACE : r.pick(namespaces);
    return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name: `np${i}` }, spec };
  });
}

/** A topology and its policies, addresses written out. */
export function randomCluster(seed: number, shape: ClusterShape): RandomCluster {
  const r = new Random(seed);
  const topology = randomTopology(r, shape);
  return { seed, topology, policies: expandPolicies(randomPolicies(r, shape, topology), topology) };
}
