// Random states built to break endpoint classes (src/engine/fast): deployments of identical
// replicas, with one odd pod that differs in a single thing (a label value some selector names or
// none does, its namespace, a named port, an address inside an ipBlock that cuts through the
// replicas' range), namespaces that differ in one label, named ports served by some replicas only,
// hostNetwork pods, external hosts inside and outside the ipBlocks, every engine option and fault,
// and cluster-scoped policies of both tiers whose selectors, networks and named ports cut the same way.
import type { ContainerPort, KubeObject, LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, PolicyType } from '../../src/model/api.js';
import { buildTopology } from '../../src/model/build-topology.js';
import type { ExternalHost, Topology } from '../../src/model/topology.js';
import type { EngineOptions } from '../../src/engine/index.js';
import { netpol, ns, pod } from './cases.js';
import { Random } from '../../src/generate/random.js';
import { randomClusterPolicies, type PolicyVocabulary } from '../../src/generate/random-cluster-policies.js';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';

export interface StressState {
  topology: Topology;
  policies: NetworkPolicy[];
  clusterPolicies: ClusterPolicy[];
  options: EngineOptions;
}

const OPTIONS: EngineOptions[] = [{}, {}, { ipBlockMatchesPodIps: false }, { fault: 'protocol-any' }, { fault: 'except-ignored' }, { fault: 'named-port-on-source' }];

const PORT_SETS: ContainerPort[][] = [
  [{ name: 'http', containerPort: 80 }],
  [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }],
  [{ name: 'http', containerPort: 81, protocol: 'UDP' }, { name: 'alt', containerPort: 80, protocol: 'SCTP' }],
  [],
];

/** Cut through the replicas' addresses (10.1.0.1 ...) and the external hosts'. */
const BLOCKS: { cidr: string; except?: string[] }[] = [
  { cidr: '10.1.0.0/29' },
  { cidr: '10.1.0.0/28', except: ['10.1.0.4/30'] },
  { cidr: '10.1.0.8/29', except: ['10.1.0.9/32'] },
  { cidr: '0.0.0.0/0', except: ['10.1.0.0/28'] },
  { cidr: '192.168.0.0/16' },
  { cidr: 'fd00::/120', except: ['fd00::4/126'] },
];

const EXTERNALS: ExternalHost[] = [
  { name: 'in-block', ip: '10.1.0.250', ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
  { name: 'office', ip: '192.168.1.1', ports: [] },
  { name: 'v6', ip: 'fd00::5', ports: [] },
];

/** Labels that tell one odd pod or namespace apart, networks through the replicas' and the nodes' addresses. */
const STRESS_TIERS: PolicyVocabulary = {
  namespaceLabels: { env: ['prod', 'dev'], team: ['x', 'y'], 'kubernetes.io/metadata.name': ['a', 'b', 'c'] },
  podLabels: { app: ['web', 'api', 'db', 'other'], tier: ['fe', 'be'], extra: ['v'] },
  networks: [['10.1.0.0/29'], ['10.1.0.8/30', '172.18.0.2/32'], ['10.1.0.0/24'], ['192.168.0.0/16'], ['fd00::/125'], ['0.0.0.0/0'], ['10.1.0.250/32', '10.1.0.201/32']],
  ports: { TCP: [80, 81, 8080], UDP: [53, 81], SCTP: [80] },
  namedPorts: ['http', 'dns', 'alt', 'nope'],
  maxPolicies: 5,
};

export function classStressState(seed: number): StressState {
  const r = new Random(seed);
  const int = (n: number): number => r.int(n);
  const pick = <T>(items: readonly T[]): T => r.pick(items);
  const chance = (p: number): boolean => r.chance(p);

  const namespaces = ['a', 'b', 'c'].slice(0, 1 + int(3));
  const base = { env: pick(['prod', 'dev']), team: 'x' };
  // Namespaces alike but for one label, sometimes none.
  const objects: KubeObject[] = namespaces.map((n, i) => ns(n, i === 0 || chance(0.5) ? base : { ...base, team: 'y' }));
  let ip = 1;
  const deployments = 1 + int(3);
  for (let d = 0; d < deployments; d++) {
    const namespace = pick(namespaces);
    const labels = { app: pick(['web', 'api', 'db']), ...(chance(0.5) ? { tier: pick(['fe', 'be']) } : {}) };
    const ports = pick(PORT_SETS);
    const someServeOther = chance(0.3); // named port served by some replicas only
    const replicas = 2 + int(7);
    for (let i = 0; i < replicas; i++) {
      const own = someServeOther && chance(0.5) ? pick(PORT_SETS) : ports;
      objects.push(pod(namespace, `d${d}-${i}`, labels, own, `10.1.0.${ip++}`));
    }
    if (chance(0.6)) {
      // The odd one: like a replica, but for one thing.
      const odd = int(5);
      const oddLabels = odd === 0 ? { ...labels, app: pick(['web', 'api', 'db', 'other']) } : odd === 1 ? { ...labels, extra: 'v' } : labels;
      const oddNamespace = odd === 2 ? pick(namespaces) : namespace;
      const oddPorts = odd === 3 ? pick(PORT_SETS) : ports;
      const oddIp = odd === 4 ? pick([`10.1.0.${200 + d}`, `fd00::${(3 + d * 4).toString(16)}`, `192.168.9.${9 + d}`]) : `10.1.0.${ip++}`;
      objects.push(pod(oddNamespace, `odd${d}`, oddLabels, oddPorts, oddIp));
    }
  }
  if (chance(0.3)) {
    // hostNetwork pods: their node's address (shared, inside or outside the blocks), never selected.
    for (let h = 0; h < 1 + int(3); h++) {
      const host = pod(pick(namespaces), `host${h}`, { app: pick(['web', 'api']) }, pick(PORT_SETS));
      host.spec.hostNetwork = true;
      host.status = { hostIP: pick(['10.1.0.8', '172.18.0.2']) };
      objects.push(host);
    }
  }
  const externals = EXTERNALS.filter(() => chance(0.5));
  const topology = buildTopology(objects, externals);

  const podSelector = (): LabelSelector =>
    pick<LabelSelector>([{}, { matchLabels: { app: pick(['web', 'api', 'db']) } }, { matchExpressions: [{ key: 'tier', operator: pick(['Exists', 'DoesNotExist'] as const) }] }, { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, { matchLabels: { extra: 'v' } }]);
  const nsSelector = (): LabelSelector => pick<LabelSelector>([{}, { matchLabels: { team: 'y' } }, { matchLabels: { 'kubernetes.io/metadata.name': pick(namespaces) } }, { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }]);
  const peer = (): NetworkPolicyPeer => {
    switch (int(4)) {
      case 0:
        return { podSelector: podSelector() };
      case 1:
        return { namespaceSelector: nsSelector() };
      case 2:
        return { podSelector: podSelector(), namespaceSelector: nsSelector() };
      default:
        return { ipBlock: structuredClone(pick(BLOCKS)) };
    }
  };
  const port = (): NetworkPolicyPort => {
    const protocol = chance(0.5) ? {} : { protocol: pick(['TCP', 'UDP', 'SCTP'] as const) };
    switch (int(4)) {
      case 0:
        return { ...protocol, port: pick([80, 81, 53]) };
      case 1:
        return { ...protocol, port: pick([53, 80]), endPort: pick([81, 8080]) };
      case 2:
        return protocol;
      default:
        return { ...protocol, port: pick(['http', 'dns', 'alt']) };
    }
  };
  const list = <T>(make: () => T): T[] | undefined => (chance(0.2) ? undefined : Array.from({ length: 1 + int(2) }, make));
  const policies = Array.from({ length: 1 + int(6) }, (_, i): NetworkPolicy => {
    const types = pick<PolicyType[] | undefined>([undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    const rules = <K extends 'from' | 'to'>(key: K) =>
      list(() => {
        const peers = list(peer);
        const ports = list(port);
        return { ...(peers ? { [key]: peers } : {}), ...(ports ? { ports } : {}) };
      });
    return netpol(pick(namespaces), `p${i}`, {
      podSelector: podSelector(),
      ...(types ? { policyTypes: types } : {}),
      ...(chance(0.7) ? { ingress: rules('from') ?? [] } : {}),
      ...(chance(0.6) ? { egress: rules('to') ?? [] } : {}),
    });
  });
  // Three states in four with cluster-scoped policies (drawn from a stream of their own).
  const clusterPolicies = seed % 4 === 3 ? [] : randomClusterPolicies(seed, STRESS_TIERS);
  return { topology, policies, clusterPolicies, options: pick(OPTIONS) };
}
