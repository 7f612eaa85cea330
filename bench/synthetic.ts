// Synthetic clusters for the benchmarks: namespaces x pods x policies x ports, with a policy mix
// like real clusters have (default-deny, pod selectors, namespace selectors, both in one peer,
// ipBlock with except, named ports, endPort ranges, egress with DNS). Deterministic for a seed, so
// two runs measure the same cluster.
import { buildTopology, type ExternalHost, type KubeObject, type LabelSelector, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type NetworkPolicySpec, type Pod, type PortSpec, type Topology } from '../src/index.js';
import { prng } from '../test/support/prng.js';

export interface SyntheticSize {
  namespaces: number;
  pods: number;
  policies: number;
  ports: number;
}

export interface SyntheticCluster {
  size: SyntheticSize;
  topology: Topology;
  policies: NetworkPolicy[];
  /** The ports the matrix is computed on. */
  ports: PortSpec[];
}

const ENVS = ['prod', 'staging', 'dev', 'test'];
const TIERS = ['web', 'api', 'db', 'cache', 'worker'];
const APPS = 24;

/** The ports every pod serves: named, so named-port rules resolve. */
const POD_PORTS = [
  { name: 'http', containerPort: 80, protocol: 'TCP' as const },
  { name: 'metrics', containerPort: 9090, protocol: 'TCP' as const },
  { name: 'dns', containerPort: 53, protocol: 'UDP' as const },
];

/** The matrix ports, in order: 80/TCP and 53/UDP first (so 2 ports exercise TCP and UDP rules). */
const MATRIX_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 8080, protocol: 'TCP' },
  { port: 9090, protocol: 'TCP' },
  { port: 5432, protocol: 'TCP' },
  { port: 132, protocol: 'SCTP' },
];

const EXTERNALS: ExternalHost[] = [
  { name: 'backup', ip: '192.168.5.10', ports: [] },
  { name: 'office', ip: '203.0.113.7', ports: [] },
  { name: 'dns', ip: '8.8.8.8', ports: [] },
  { name: 'v6', ip: '2001:db8::10', ports: [] },
];

export function syntheticCluster(size: SyntheticSize, seed = 1): SyntheticCluster {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const app = (): string => `app-${Math.floor(random() * APPS)}`;
  const objects: KubeObject[] = [];
  const nsNames = Array.from({ length: size.namespaces }, (_, i) => `ns-${i}`);
  nsNames.forEach((name, i) => {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { env: ENVS[i % ENVS.length] ?? 'dev', team: `team-${i % 7}` } } });
  });
  for (let i = 0; i < size.pods; i++) {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: nsNames[i % nsNames.length] ?? 'default', labels: { app: app(), tier: pick(TIERS), ...(random() < 0.5 ? { version: `v${1 + Math.floor(random() * 3)}` } : {}) } },
      spec: { containers: [{ name: 'main', ports: POD_PORTS }] },
    };
    objects.push(pod);
  }
  const topology = buildTopology(objects, EXTERNALS);
  const policies = Array.from({ length: size.policies }, (_, i) => syntheticPolicy(i, pick(nsNames), random, app));
  return { size, topology, policies, ports: MATRIX_PORTS.slice(0, size.ports) };
}

function syntheticPolicy(index: number, namespace: string, random: () => number, app: () => string): NetworkPolicy {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const podSel = (): LabelSelector => (random() < 0.7 ? { matchLabels: { app: app() } } : { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(TIERS), pick(TIERS)] }] });
  const nsSel = (): LabelSelector =>
    random() < 0.5 ? { matchLabels: { env: pick(ENVS) } } : random() < 0.5 ? { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['team-1', 'team-2'] }] } : { matchLabels: { 'kubernetes.io/metadata.name': `ns-${Math.floor(random() * 5)}` } };
  const peer = (): NetworkPolicyPeer => {
    const r = random();
    if (r < 0.35) return { podSelector: podSel() };
    if (r < 0.55) return { namespaceSelector: nsSel() };
    if (r < 0.8) return { podSelector: podSel(), namespaceSelector: nsSel() };
    // ipBlock over part of the pod network (pod IPs match by default) or the outside world.
    return random() < 0.5
      ? { ipBlock: { cidr: `10.244.${Math.floor(random() * 256)}.0/22`, except: [`10.244.${Math.floor(random() * 256)}.0/26`] } }
      : { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.5.0/24'] } };
  };
  const ports = (): NetworkPolicyPort[] | undefined => {
    const r = random();
    if (r < 0.15) return undefined;
    if (r < 0.45) return [{ protocol: 'TCP', port: 80 }];
    if (r < 0.6) return [{ port: 'http' }];
    if (r < 0.75) return [{ protocol: 'TCP', port: 8000, endPort: 8100 }, { port: 'metrics' }];
    if (r < 0.9) return [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];
    return [{}];
  };
  const rules = (count: number): { peers: NetworkPolicyPeer[] | undefined; ports: NetworkPolicyPort[] | undefined }[] =>
    Array.from({ length: count }, () => ({ peers: random() < 0.1 ? undefined : Array.from({ length: 1 + Math.floor(random() * 2) }, peer), ports: ports() }));
  const kind = random();
  let spec: NetworkPolicySpec;
  if (kind < 0.1) {
    spec = { podSelector: {}, policyTypes: ['Ingress'] }; // default deny ingress
  } else if (kind < 0.15) {
    spec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] }; // deny all but DNS
  } else if (kind < 0.75) {
    spec = { podSelector: podSel(), ingress: rules(1 + Math.floor(random() * 3)).map((r) => ({ ...(r.peers ? { from: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })) };
  } else {
    spec = {
      podSelector: podSel(),
      policyTypes: ['Egress'],
      egress: rules(1 + Math.floor(random() * 2)).map((r) => ({ ...(r.peers ? { to: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })),
    };
  }
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `policy-${index}`, namespace }, spec };
}

/** Judged flows of a full matrix: ordered pairs of distinct endpoints, never external to external. */
export function matrixFlowCount(topology: Topology, ports: number): number {
  const n = topology.pods.length + topology.externals.length;
  const e = topology.externals.length;
  return ports * (n * (n - 1) - e * (e - 1));
}
