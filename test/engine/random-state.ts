// Random small cluster states for the property test: a few namespaces, pods and external hosts, and
// policies drawn from every feature of SEMANTICS.md (empty/absent everywhere, all selector
// operators, ipBlock with except in both families, protocols, endPort, named ports).
import { buildTopology } from '../../src/model/build-topology.js';
import type { ContainerPort, KubeObject, LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec, PolicyType } from '../../src/model/api.js';
import type { ExternalHost, PortSpec, Topology } from '../../src/model/topology.js';
import { netpol, ns, pod } from './cases.js';
import { prng } from '../support/prng.js';

export interface RandomState {
  topology: Topology;
  policies: NetworkPolicy[];
  ipBlockMatchesPodIps: boolean | undefined;
}

/** The ports every matrix of the property test is computed on. */
export const PROPERTY_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 81, protocol: 'UDP' },
  { port: 80, protocol: 'SCTP' },
];

const CONTAINER_PORTS: ContainerPort[][] = [
  [],
  [{ name: 'http', containerPort: 80 }],
  [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }],
  [{ name: 'alt', containerPort: 81, protocol: 'UDP' }, { name: 'sctp', containerPort: 80, protocol: 'SCTP' }],
  [{ name: 'dns', containerPort: 53, protocol: 'TCP' }, { name: 'alt', containerPort: 81 }],
];

const EXTERNAL_POOL: ExternalHost[] = [
  { name: 'ext1', ip: '192.168.1.5', ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
  { name: 'ext2', ip: '10.0.0.200', ports: [] }, // inside the pods' network
  { name: 'ext6', ip: 'fd00::99', ports: [] },
];

const CIDRS: { cidr: string; except?: string[] }[] = [
  { cidr: '10.0.0.0/24' },
  { cidr: '10.0.0.0/24', except: ['10.0.0.0/30'] },
  { cidr: '10.0.0.0/25', except: ['10.0.0.4/31', '10.0.0.8/29'] },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
  { cidr: '192.168.1.0/24' },
  { cidr: '10.0.0.3/32' },
  { cidr: 'fd00::/64', except: ['fd00::1/128'] },
  { cidr: '::/0' },
];

export function randomState(seed: number): RandomState {
  const r = prng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number): boolean => r() < p;

  const labels = (choices: Record<string, string[]>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [key, values] of Object.entries(choices)) if (chance(0.6)) out[key] = pick(values);
    return out;
  };
  const selector = (keys: Record<string, string[]>): LabelSelector => {
    const key = pick(Object.keys(keys));
    const values = keys[key] ?? [];
    switch (int(6)) {
      case 0:
        return {};
      case 1:
        return { matchLabels: { [key]: pick(values) } };
      case 2:
        return { matchExpressions: [{ key, operator: pick(['In', 'NotIn'] as const), values: [pick(values), pick(values)] }] };
      case 3:
        return { matchExpressions: [{ key, operator: pick(['Exists', 'DoesNotExist'] as const) }] };
      case 4:
        return { matchLabels: { [key]: pick(values) }, matchExpressions: [{ key: pick(Object.keys(keys)), operator: 'NotIn', values: [pick(values)] }] };
      default:
        return { matchExpressions: [{ key, operator: 'Exists' }, { key: pick(Object.keys(keys)), operator: 'DoesNotExist' }] };
    }
  };
  const NS_KEYS = { env: ['prod', 'dev'], team: ['a', 'b'], 'kubernetes.io/metadata.name': ['x', 'y', 'w'] };
  const POD_KEYS = { app: ['web', 'api', 'db'], tier: ['fe', 'be'] };

  const namespaces = ['x', 'y', 'z'].slice(0, 2 + int(2));
  const objects: KubeObject[] = namespaces.map((n) => ns(n, labels({ env: NS_KEYS.env, team: NS_KEYS.team })));
  const podCount = 2 + int(4);
  for (let i = 0; i < podCount; i++) {
    // Occasionally a pod in namespace w, which exists only implicitly; occasionally an IPv6 pod.
    const namespace = chance(0.1) ? 'w' : pick(namespaces);
    const ip = chance(0.15) ? `fd00::${i + 1}` : `10.0.0.${i + 1}`;
    objects.push(pod(namespace, `p${i}`, labels(POD_KEYS), pick(CONTAINER_PORTS), ip));
  }
  const externals = EXTERNAL_POOL.filter(() => chance(0.4));
  const built = buildTopology(objects, externals);
  // Sometimes a topology built by other means: the implicit namespace w not listed, and the listed
  // ones without their automatic label. The engine must still give every namespace that label.
  const topology: Topology = chance(0.25)
    ? { ...built, namespaces: built.namespaces.filter((n) => n.name !== 'w').map((n) => ({ name: n.name, labels: Object.fromEntries(Object.entries(n.labels).filter(([k]) => k !== 'kubernetes.io/metadata.name')) })) }
    : built;

  const peer = (): NetworkPolicyPeer => {
    switch (int(4)) {
      case 0:
        return { podSelector: selector(POD_KEYS) };
      case 1:
        return { namespaceSelector: selector(NS_KEYS) };
      case 2:
        return { podSelector: selector(POD_KEYS), namespaceSelector: selector(NS_KEYS) };
      default:
        return { ipBlock: structuredClone(pick(CIDRS)) };
    }
  };
  const port = (): NetworkPolicyPort => {
    const protocol = chance(0.4) ? {} : { protocol: pick(['TCP', 'UDP', 'SCTP'] as const) };
    switch (int(5)) {
      case 0:
        return protocol;
      case 1:
        return { ...protocol, port: pick([80, 81, 53, 8080]) };
      case 2:
        return { ...protocol, port: pick([53, 79, 80]), endPort: pick([81, 100, 8080]) };
      default:
        return { ...protocol, port: pick(['http', 'dns', 'alt', 'sctp', 'nope']) };
    }
  };
  const list = <T>(make: () => T): T[] | undefined => (chance(0.25) ? undefined : chance(0.15) ? [] : Array.from({ length: 1 + int(2) }, make));
  const rules = <K extends 'from' | 'to'>(key: K): ({ [P in K]?: NetworkPolicyPeer[] } & { ports?: NetworkPolicyPort[] })[] | undefined =>
    list(() => {
      const peers = list(peer);
      const ports = list(port);
      return { ...(peers ? { [key]: peers } : {}), ...(ports ? { ports } : {}) } as { [P in K]?: NetworkPolicyPeer[] } & { ports?: NetworkPolicyPort[] };
    });

  const policies: NetworkPolicy[] = [];
  const policyCount = 1 + int(5);
  for (let i = 0; i < policyCount; i++) {
    const types = pick<PolicyType[] | undefined>([undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    const ingress = rules('from');
    const egress = rules('to');
    const spec: NetworkPolicySpec = {
      ...(chance(0.2) ? {} : { podSelector: selector(POD_KEYS) }),
      ...(types ? { policyTypes: types } : {}),
      ...(ingress ? { ingress } : {}),
      ...(egress ? { egress } : {}),
    };
    policies.push(netpol(chance(0.15) ? 'w' : pick(namespaces), `np${i}`, spec));
  }
  return { topology, policies, ipBlockMatchesPodIps: pick([undefined, true, false]) };
}
