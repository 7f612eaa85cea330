// Random clusters, the one generator the property test, the netns differential test and the
// benchmarks share. A shape says how big and which features; the policy grammar is the same for
// all: every selector operator and matchLabels with matchExpressions, both peer forms and their
// AND, ipBlock with except in both families, protocols with and without a default, numeric,
// ranged and named ports, empty versus absent lists everywhere, every policyTypes form.
// Seeded (mulberry32), so a failing case is replayed from its seed.
import type {
  ContainerPort,
  ExternalHost,
  IPBlock,
  KubeObject,
  LabelSelector,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  PolicyType,
  PortSpec,
  Protocol,
  Topology,
} from '../src/index.js';
import { buildTopology, NAMESPACE_NAME_LABEL } from '../src/index.js';
import type { ClusterPolicy } from '../src/index.js';
import { randomClusterPolicies, type PolicyVocabulary } from './random-cluster-policies.js';
import { Random, type Range } from './random.js';

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
}

type Vocabulary = Record<string, string[]>;

export interface RandomCluster {
  seed: number;
  topology: Topology;
  policies: NetworkPolicy[];
  /** ClusterNetworkPolicies of both tiers, AdminNetworkPolicies, the BaselineAdminNetworkPolicy. */
  clusterPolicies: ClusterPolicy[];
}

const LABELS = { pods: { app: ['web', 'api', 'db'], tier: ['fe', 'be'] }, namespaces: { env: ['prod', 'dev'], team: ['a', 'b'] } };
const PORT_NAMES: Record<Protocol, string[]> = { TCP: ['http', 'metrics', 'alt'], UDP: ['dns', 'alt'], SCTP: ['sctp'] };
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
  for (let i = 0; i < count; i++) {
    const namespace = shape.strays && r.chance(0.1) ? STRAY_NAMESPACE : (namespaces[i % namespaces.length] ?? 'x');
    const n = namespace === STRAY_NAMESPACE ? namespaces.length : namespaces.indexOf(namespace);
    const k = perNamespace.get(namespace) ?? 0;
    perNamespace.set(namespace, k + 1);
    if (k >= 254) throw new Error(`random cluster: more than 254 pods in namespace ${namespace}`);
    const ip = r.chance(shape.ipv6Share) ? `fd00::${n + 1}:${k + 1}` : `10.244.${n + 1}.${k + 1}`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace, name: `p${k}`, labels: labels(r, vocabulary.pods) },
      spec: { containers: [{ name: 'serve', ports: containerPorts(r, shape) }] },
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

function peer(r: Random, namespaces: readonly string[], vocabulary: { pods: Vocabulary; namespaces: Vocabulary }): NetworkPolicyPeer {
  const nsVocabulary = { ...vocabulary.namespaces, [NAMESPACE_NAME_LABEL]: [...namespaces] };
  switch (r.int(4)) {
    case 0:
      return { podSelector: selector(r, vocabulary.pods) };
    case 1:
      return { namespaceSelector: selector(r, nsVocabulary) };
    case 2:
      return { podSelector: selector(r, vocabulary.pods), namespaceSelector: selector(r, nsVocabulary) };
    default:
      return { ipBlock: structuredClone(r.pick(IP_BLOCKS)) };
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

export function randomPolicies(r: Random, shape: ClusterShape, topology: Topology): NetworkPolicy[] {
  const namespaces = topology.namespaces.map((n) => n.name);
  const vocabulary = shape.labels ?? LABELS;
  const rule = <K extends 'from' | 'to'>(key: K): { [P in K]?: NetworkPolicyPeer[] } & { ports?: NetworkPolicyPort[] } => {
    const peers = list(r, () => peer(r, namespaces, vocabulary));
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

export function randomCluster(seed: number, shape: ClusterShape): RandomCluster {
  const r = new Random(seed);
  const topology = randomTopology(r, shape);
  return { seed, topology, policies: randomPolicies(r, shape, topology), clusterPolicies: [] };
}

/**
 * `count` clusters; consecutive ones share a topology (`perTopology` of them) so a real target can
 * reuse what it built, as a feature run does. Each case's policies come from its own seed.
 */
export function randomCases(seed: number, count: number, shape: ClusterShape, perTopology = 10, tiers?: PolicyVocabulary): RandomCluster[] {
  const cases: RandomCluster[] = [];
  let topology = randomTopology(new Random(seed), shape);
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % perTopology === 0) topology = randomTopology(new Random(seed + i), shape);
    const caseSeed = seed * 1000 + i;
    // With a vocabulary, every other case carries cluster-scoped policies too (both table layouts).
    const clusterPolicies = tiers !== undefined && i % 2 === 1 ? randomClusterPolicies(caseSeed, tiers) : [];
    cases.push({ seed: caseSeed, topology, policies: randomPolicies(new Random(caseSeed), shape, topology), clusterPolicies });
  }
  return cases;
}

/** What the netns differential test and benchmark probe: two TCP ports and one UDP port. */
export const PROBED_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 80, protocol: 'UDP' },
];

/** Clusters a real dataplane can build: IPv4, every pod serving the probed ports. */
export const DIFFERENTIAL_SHAPE: ClusterShape = {
  namespaces: [2, 3],
  pods: [4, 8],
  policies: [1, 3],
  ports: PROBED_PORTS,
  serveAll: true,
  externals: [
    { name: 'backup', ip: '192.168.5.10', ports: PROBED_PORTS },
    { name: 'remote', ip: '203.0.113.7', ports: PROBED_PORTS },
  ],
  externalShare: 0.6,
  ipv6Share: 0,
  strays: false,
};

/** What the differential's cluster-scoped policies may name in those clusters. */
export const DIFFERENTIAL_TIERS: PolicyVocabulary = {
  namespaceLabels: { env: ['prod', 'dev'], team: ['a', 'b'], 'kubernetes.io/metadata.name': ['x', 'y', 'z'] },
  podLabels: { app: ['web', 'api', 'db'], tier: ['fe', 'be'] },
  networks: [['192.168.5.0/24'], ['10.244.1.0/24'], ['0.0.0.0/0'], ['10.244.2.1/32', '203.0.113.0/24'], ['10.244.0.0/16']],
  ports: { TCP: [80, 81], UDP: [80], SCTP: [80] },
  namedPorts: ['http', 'metrics', 'dns', 'alt'],
  maxPolicies: 3,
};
