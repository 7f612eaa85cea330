// Random clusters for differential runs (engine verdicts vs netns observations): topologies with
// varied labels and named ports, and policy sets that exercise every selector operator, both peer
// forms and their AND, ipBlock with except, numeric, ranged and named ports, and every policyTypes
// form. Seeded, so a failing case can be replayed by its seed.
import type { ExternalHost, LabelSelector, LabelSelectorRequirement, NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec, PodSpec, PolicyType, PortSpec, Topology } from '../src/index.js';
import { prng as rng } from '../test/support/prng.js';

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = min + this.int(max - min + 1);
    return Array.from({ length: count }, () => this.pick(items));
  }
}

/** Ports every case probes: two TCP ports and one UDP port, as the x/y/z benchmark does. */
export const PROBED_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 80, protocol: 'UDP' },
];

const NAMESPACES = ['x', 'y', 'z'];
const LABEL_VALUES: Record<string, string[]> = { app: ['web', 'api', 'db'], tier: ['front', 'back'], team: ['a', 'b'], env: ['prod', 'dev'] };
const EXTERNALS: ExternalHost[] = [
  { name: 'backup', ip: '192.168.5.10', ports: PROBED_PORTS },
  { name: 'remote', ip: '203.0.113.7', ports: PROBED_PORTS },
];
const IP_BLOCKS = [
  { cidr: '192.168.5.0/24' },
  { cidr: '192.168.5.0/24', except: ['192.168.5.10/32'] },
  { cidr: '0.0.0.0/0', except: ['10.244.0.0/16'] },
  { cidr: '0.0.0.0/0', except: ['192.168.0.0/16', '10.244.2.0/24'] },
  { cidr: '10.244.1.0/24', except: ['10.244.1.2/32'] },
  { cidr: '10.244.0.0/16' },
  { cidr: '203.0.113.0/24' },
  { cidr: '10.244.2.1/32' },
];

function randomLabels(r: Random, keys: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of keys) if (r.chance(0.6)) labels[key] = r.pick(LABEL_VALUES[key] ?? ['v']);
  return labels;
}

/**
 * Every pod serves the probed ports; names vary per pod so that named policy ports resolve to
 * different numbers (or not at all) on different destinations.
 */
function podPorts(r: Random): PortSpec[] {
  const http = r.pick([80, 81, undefined]);
  return [
    { port: 80, protocol: 'TCP', ...(http === 80 ? { name: 'http' } : {}) },
    { port: 81, protocol: 'TCP', ...(http === 81 ? { name: 'http' } : r.chance(0.3) ? { name: 'metrics' } : {}) },
    { port: 80, protocol: 'UDP', ...(r.chance(0.5) ? { name: 'dns' } : {}) },
  ];
}

export function randomTopology(seed: number): Topology {
  const r = new Random(seed);
  const namespaces = NAMESPACES.slice(0, 2 + r.int(2));
  const pods: PodSpec[] = [];
  namespaces.forEach((ns, n) => {
    const count = 2 + r.int(2);
    for (let i = 0; i < count; i++) {
      pods.push({ namespace: ns, name: `p${i}`, labels: randomLabels(r, ['app', 'tier']), ip: `10.244.${n + 1}.${i + 1}`, ports: podPorts(r) });
    }
  });
  return {
    namespaces: namespaces.map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name, ...randomLabels(r, ['team', 'env']) } })),
    pods,
    externals: EXTERNALS.slice(0, 1 + r.int(2)),
  };
}

function randomRequirement(r: Random, keys: readonly string[]): LabelSelectorRequirement {
  const key = r.pick(keys);
  const operator = r.pick(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);
  if (operator === 'Exists' || operator === 'DoesNotExist') return { key, operator };
  return { key, operator, values: [...new Set(r.some(LABEL_VALUES[key] ?? ['v'], 1, 2))] };
}

function randomSelector(r: Random, keys: readonly string[]): LabelSelector {
  const selector: LabelSelector = {};
  const roll = r.int(4);
  if (roll === 0) return selector;
  if (roll !== 2) {
    const key = r.pick(keys);
    selector.matchLabels = { [key]: r.pick(LABEL_VALUES[key] ?? ['v']) };
  }
  if (roll >= 2) selector.matchExpressions = Array.from({ length: 1 + r.int(2) }, () => randomRequirement(r, keys));
  return selector;
}

function randomPeer(r: Random): NetworkPolicyPeer {
  switch (r.int(4)) {
    case 0:
      return { podSelector: randomSelector(r, ['app', 'tier']) };
    case 1:
      return { namespaceSelector: randomSelector(r, ['team', 'env', 'kubernetes.io/metadata.name']) };
    case 2:
      return { namespaceSelector: randomSelector(r, ['team', 'env']), podSelector: randomSelector(r, ['app', 'tier']) };
    default: {
      const block = r.pick(IP_BLOCKS);
      return { ipBlock: { cidr: block.cidr, ...(block.except ? { except: [...block.except] } : {}) } };
    }
  }
}

function randomPort(r: Random): NetworkPolicyPort {
  return r.pick<NetworkPolicyPort>([
    {},
    { port: 80 },
    { port: 81, protocol: 'TCP' },
    { protocol: 'UDP' },
    { port: 80, protocol: 'UDP' },
    { port: 80, endPort: 81 },
    { port: 79, endPort: 80 },
    { port: 'http' },
    { port: 'metrics' },
    { port: 'dns', protocol: 'UDP' },
    { port: 'http', protocol: 'UDP' },
  ]);
}

/** absent, [] or 1-2 items. */
function randomList<T>(r: Random, make: () => T, pAbsent: number): T[] | undefined {
  if (r.chance(pAbsent)) return undefined;
  if (r.chance(0.1)) return [];
  return Array.from({ length: 1 + r.int(2) }, make);
}

function randomIngressRule(r: Random): NetworkPolicyIngressRule {
  const from = randomList(r, () => randomPeer(r), 0.25);
  const ports = randomList(r, () => randomPort(r), 0.35);
  return { ...(from ? { from } : {}), ...(ports ? { ports } : {}) };
}

function randomEgressRule(r: Random): NetworkPolicyEgressRule {
  const to = randomList(r, () => randomPeer(r), 0.25);
  const ports = randomList(r, () => randomPort(r), 0.35);
  return { ...(to ? { to } : {}), ...(ports ? { ports } : {}) };
}

const POLICY_TYPES: (PolicyType[] | undefined)[] = [undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress']];

export function randomPolicies(seed: number, topology: Topology): NetworkPolicy[] {
  const r = new Random(seed);
  const namespaces = topology.namespaces.map((n) => n.name);
  return Array.from({ length: 1 + r.int(3) }, (_, i) => {
    const types = r.pick(POLICY_TYPES);
    const ingress = randomList(r, () => randomIngressRule(r), 0.2);
    const egress = randomList(r, () => randomEgressRule(r), 0.3);
    const spec: NetworkPolicySpec = {
      podSelector: randomSelector(r, ['app', 'tier']),
      ...(types ? { policyTypes: [...types] } : {}),
      ...(ingress ? { ingress } : {}),
      ...(egress ? { egress } : {}),
    };
    return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: r.pick(namespaces), name: `p${i}` }, spec };
  });
}

export interface RandomCase {
  seed: number;
  topology: Topology;
  policies: NetworkPolicy[];
}

/**
 * `count` cases; consecutive cases share a topology (`perTopology` of them) so a real target can
 * reuse what it built, as a feature run does.
 */
export function randomCases(seed: number, count: number, perTopology = 10): RandomCase[] {
  const cases: RandomCase[] = [];
  let topology = randomTopology(seed);
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % perTopology === 0) topology = randomTopology(seed + i);
    const caseSeed = seed * 1000 + i;
    cases.push({ seed: caseSeed, topology, policies: randomPolicies(caseSeed, topology) });
  }
  return cases;
}
