// Random cluster states for fuzzing: topologies with varied labels and named ports that map to
// different numbers on different pods, and policies from the whole grammar: every selector
// operator and matchLabels with matchExpressions, both peer forms and their AND, ipBlock with and
// without except, numeric, ranged and named ports with and without protocol, empty versus absent
// lists everywhere, every policyTypes form. ipBlocks are about the topology's own addresses (a
// pod's /32, the network around it, an external host's), written as templates (`{{ip x/p0}}/32`,
// ./templated.ts) so they follow the pods to whatever addresses a cluster gives them. Seeded: a
// case is replayed from its seed.
import { NAMESPACE_NAME_LABEL, type ContainerPort, type IPBlock, type KubeObject, type LabelSelector, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type NetworkPolicySpec, type PolicyType, type Protocol } from '../model/api.js';
import { buildTopology } from '../model/build-topology.js';
import { formatCidr, parseCidr } from '../model/cidr.js';
import { podId, type ExternalHost, type PodSpec, type PortSpec, type Topology } from '../model/topology.js';
import { Random, type Range } from './random.js';

type Vocabulary = Record<string, string[]>;

export interface ClusterShape {
  namespaces: Range;
  /** Pods in all, spread over the namespaces. */
  pods: Range;
  policies: Range;
  /** Every pod serves these ports, each under a name that varies per pod (or none). */
  ports: readonly PortSpec[];
  /** External hosts to draw from, each present with probability `externalShare`. */
  externals: readonly ExternalHost[];
  externalShare: number;
  /** Label keys and values of pods and namespaces; small, so selectors often match. */
  labels?: { pods: Vocabulary; namespaces: Vocabulary };
}

const LABELS = { pods: { app: ['web', 'api', 'db'], tier: ['fe', 'be'] }, namespaces: { env: ['prod', 'dev'], team: ['a', 'b'] } };
const PORT_NAMES: Record<Protocol, string[]> = { TCP: ['http', 'metrics', 'alt'], UDP: ['dns', 'alt'], SCTP: ['sctp'] };
const NAMESPACES = ['x', 'y', 'z', 'w'];

function labels(r: Random, vocabulary: Vocabulary): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(vocabulary)) if (r.chance(0.6)) out[key] = r.pick(values);
  return out;
}

/** The pod's ports: a name is unique within a pod; the same name maps to different numbers on different pods. */
function containerPorts(r: Random, ports: readonly PortSpec[]): ContainerPort[] {
  const used = new Set<string>();
  return ports.map((p) => {
    const name = r.chance(0.6) ? r.pick(PORT_NAMES[p.protocol]) : undefined;
    const unique = name !== undefined && !used.has(name) ? name : undefined;
    if (unique) used.add(unique);
    return { containerPort: p.port, protocol: p.protocol, ...(unique ? { name: unique } : {}) };
  });
}

/** Pods are 10.244.(n+1).(k+1): pod k of namespace n. */
export function randomTopology(r: Random, shape: ClusterShape): Topology {
  const vocabulary = shape.labels ?? LABELS;
  const namespaces = NAMESPACES.slice(0, Math.min(NAMESPACES.length, r.within(shape.namespaces)));
  const objects: KubeObject[] = namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: labels(r, vocabulary.namespaces) } }));
  const count = r.within(shape.pods);
  for (let i = 0; i < count; i++) {
    const n = i % namespaces.length;
    const k = Math.floor(i / namespaces.length);
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: namespaces[n] ?? 'x', name: `p${k}`, labels: labels(r, vocabulary.pods) },
      spec: { containers: [{ name: 'serve', ports: containerPorts(r, shape.ports) }] },
      status: { podIP: `10.244.${n + 1}.${k + 1}` },
    });
  }
  return buildTopology(objects, r.subset(shape.externals, shape.externalShare));
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

/** The network of `prefix` bits around an address. */
function network(ip: string, prefix: number): string {
  const cidr = parseCidr(`${ip}/${prefix}`);
  if (!cidr) throw new Error(`random cluster: ${ip}/${prefix} is not a CIDR`);
  return formatCidr(cidr);
}

/**
 * An ipBlock about the topology's addresses: a pod, the pods of its namespace (pods of namespace n
 * share 10.244.(n+1).0/24 here), all pods, external hosts. Pod addresses are templates.
 */
function ipBlock(r: Random, topology: Topology): IPBlock {
  const pod: PodSpec | undefined = topology.pods.length > 0 ? r.pick(topology.pods) : undefined;
  const external = topology.externals.length > 0 ? r.pick(topology.externals) : undefined;
  const choices: (() => IPBlock)[] = [() => ({ cidr: '0.0.0.0/0' })];
  if (pod) {
    // Every except is inside its cidr whatever the addresses (the API server rejects one that is not).
    const id = podId(pod.namespace, pod.name);
    const ip = `{{ip ${id}}}/32`;
    const namespace = `{{net ${id} 24}}`;
    const all = `{{net ${id} 16}}`;
    choices.push(
      () => ({ cidr: ip }),
      () => ({ cidr: namespace }),
      () => ({ cidr: namespace, except: [ip] }),
      () => ({ cidr: all, except: [namespace] }),
      () => ({ cidr: all, except: [ip] }),
      () => ({ cidr: '0.0.0.0/0', except: [all] }),
    );
  }
  if (external) choices.push(() => ({ cidr: `${external.ip}/32` }), () => ({ cidr: network(external.ip, 24), except: [`${external.ip}/32`] }), () => ({ cidr: network(external.ip, 24) }));
  return r.pick(choices)();
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
      const from = Math.max(1, r.pick(numbers) - r.int(2));
      return { ...protocol, port: from, endPort: from + r.pick([0, 1, 20]) };
    }
    default:
      return { ...protocol, port: r.pick([...PORT_NAMES.TCP, ...PORT_NAMES.UDP, 'nope']) };
  }
}

/** Absent, [] or 1-2 items. */
function list<T>(r: Random, make: () => T): T[] | undefined {
  if (r.chance(0.25)) return undefined;
  if (r.chance(0.15)) return [];
  return Array.from({ length: 1 + r.int(2) }, make);
}

const POLICY_TYPES: (PolicyType[] | undefined)[] = [undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress']];

export function randomPolicies(r: Random, shape: ClusterShape, topology: Topology): NetworkPolicy[] {
  const vocabulary = shape.labels ?? LABELS;
  const namespaces = topology.namespaces.map((n) => n.name);
  const rule = () => ({ peers: list(r, () => peer(r, topology, vocabulary)), ports: list(r, () => port(r, shape)) });
  return Array.from({ length: r.within(shape.policies) }, (_, i) => {
    const types = r.pick(POLICY_TYPES);
    const ingress = list(r, rule);
    const egress = list(r, rule);
    const spec: NetworkPolicySpec = {
      ...(r.chance(0.2) ? {} : { podSelector: selector(r, vocabulary.pods) }),
      ...(types ? { policyTypes: [...types] } : {}),
      ...(ingress ? { ingress: ingress.map((x) => ({ ...(x.peers ? { from: x.peers } : {}), ...(x.ports ? { ports: x.ports } : {}) })) } : {}),
      ...(egress ? { egress: egress.map((x) => ({ ...(x.peers ? { to: x.peers } : {}), ...(x.ports ? { ports: x.ports } : {}) })) } : {}),
    };
    return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: r.pick(namespaces), name: `np${i}` }, spec };
  });
}
