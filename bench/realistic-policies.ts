// NetworkPolicies for the engine benchmark, shaped like a real cluster's rather than drawn from the
// property tests' grammar (where nearly every pod stays open and about 99% of flows are allowed,
// which hides what isolation costs): most namespaces deny by default, in both directions or for
// ingress only, and those that deny egress allow DNS; the other namespaces have no policy at all.
// The rest are allow rules per application in the namespaces that deny, by pod labels in the
// namespace and by namespace labels across namespaces, from and to address ranges (ipBlocks with
// except), and on named ports as well as numbers and ranges. A minority of flows is allowed (the
// bench reports the share per size). Deterministic for a seed.
import { NAMESPACE_NAME_LABEL, Random, type LabelSelector, type NetworkPolicy, type NetworkPolicySpec, type Topology } from '../src/index.js';

export interface PolicyLabels {
  pods: Record<string, string[]>;
  namespaces: Record<string, string[]>;
}

/** Share of namespaces that deny ingress by default, and of those, the share that deny egress too. */
const DENY_INGRESS = 0.8;
const DENY_EGRESS = 0.5;

type Template = (r: Random, ns: string, labels: PolicyLabels, namespaces: readonly string[]) => NetworkPolicySpec;

const match = (key: string, value: string): LabelSelector => ({ matchLabels: { [key]: value } });
const pickOf = (r: Random, labels: Record<string, string[]>, key: string): string => r.pick(labels[key] ?? ['none']);

/** The application's pods: by app, sometimes with its tier, sometimes by expression. */
function appSelector(r: Random, labels: PolicyLabels): LabelSelector {
  const app = pickOf(r, labels.pods, 'app');
  const roll = r.int(4);
  if (roll === 0) return { matchLabels: { app, tier: pickOf(r, labels.pods, 'tier') } };
  if (roll === 1) return { matchLabels: { app }, matchExpressions: [{ key: 'version', operator: 'NotIn', values: [pickOf(r, labels.pods, 'version')] }] };
  return match('app', app);
}

const TEMPLATES: [weight: number, template: Template][] = [
  // Front ends of the namespace reach the app on its named http port or 8080.
  [4, (r, _ns, l) => ({ podSelector: appSelector(r, l), policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: match('tier', 'web') }], ports: [r.chance(0.5) ? { port: 'http' } : { port: 8080 }] }] })],
  // Callers of one app in namespaces of an environment, on 80.
  [3, (r, _ns, l) => ({ podSelector: appSelector(r, l), policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: match('env', pickOf(r, l.namespaces, 'env')), podSelector: match('app', pickOf(r, l.pods, 'app')) }], ports: [{ port: 80 }] }] })],
  // The whole namespace may reach the app, on any port.
  [2, (r, _ns, l) => ({ podSelector: appSelector(r, l), policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] })],
  // Monitoring of a team scrapes the named metrics port of every pod.
  [1, (r, _ns, l) => ({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: match('team', pickOf(r, l.namespaces, 'team')), podSelector: match('app', 'app-1') }], ports: [{ port: 'metrics' }] }] })],
  // Web pods from the office and a partner range, except one host.
  [1, () => ({ podSelector: match('tier', 'web'), policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '192.168.5.0/24', except: ['192.168.5.10/32'] } }], ports: [{ port: 80 }, { port: 443 }] }] })],
  // API pods reach the databases of the namespace on 5432, and a named port of the caches.
  [3, (r) => ({ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'worker'] }] }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: match('tier', 'db') }], ports: [{ port: 5432 }] }, { to: [{ podSelector: match('tier', 'cache') }], ports: [{ port: r.chance(0.5) ? 'alt' : 'http' }] }] })],
  // An app calls one app of another namespace on 80 or 8000-9000.
  [3, (r, _ns, l, namespaces) => ({ podSelector: appSelector(r, l), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: match(NAMESPACE_NAME_LABEL, r.pick(namespaces)), podSelector: match('app', pickOf(r, l.pods, 'app')) }], ports: [r.chance(0.5) ? { port: 80 } : { port: 8000, endPort: 9000 }] }] })],
  // An app reaches the outside world on 443 and 80, never the pod network.
  [2, (r, _ns, l) => ({ podSelector: appSelector(r, l), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.244.0.0/16', '192.168.0.0/16'] } }], ports: [{ port: 443 }, { port: 80 }] }] })],
  // Both directions in one policy: a worker talks to its queue both ways, by named port.
  [1, (r, _ns, l) => {
    const peer = { podSelector: match('app', pickOf(r, l.pods, 'app')) };
    return { podSelector: { matchLabels: { tier: 'worker' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] }, ingress: [{ from: [peer] }], egress: [{ to: [peer], ports: [{ port: 'http' }, { protocol: 'UDP', port: 'dns' }] }] };
  }],
];

function template(r: Random): Template {
  const total = TEMPLATES.reduce((sum, [w]) => sum + w, 0);
  let at = r.int(total);
  for (const [weight, t] of TEMPLATES) {
    if (at < weight) return t;
    at -= weight;
  }
  return TEMPLATES[0]?.[1] ?? (() => ({ podSelector: {} }));
}

/** `count` policies over the topology's namespaces (about the same number in each). */
export function realisticPolicies(topology: Topology, count: number, labels: PolicyLabels, seed = 11): NetworkPolicy[] {
  const r = new Random(seed);
  const namespaces = topology.namespaces.map((n) => n.name);
  const specs: { namespace: string; name: string; spec: NetworkPolicySpec }[] = [];
  const denying: string[] = [];
  for (const ns of namespaces) {
    if (!r.chance(DENY_INGRESS)) continue;
    denying.push(ns);
    const egressToo = r.chance(DENY_EGRESS);
    specs.push({ namespace: ns, name: 'default-deny', spec: { podSelector: {}, policyTypes: egressToo ? ['Ingress', 'Egress'] : ['Ingress'] } });
    if (egressToo) {
      const dns = { namespaceSelector: match(NAMESPACE_NAME_LABEL, namespaces[0] ?? ns), podSelector: match('app', 'app-0') };
      specs.push({ namespace: ns, name: 'allow-dns', spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [dns], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] } });
    }
  }
  for (let i = 0; specs.length < count; i++) {
    const ns = denying[i % denying.length] ?? namespaces[0] ?? 'default';
    specs.push({ namespace: ns, name: `allow-${i}`, spec: template(r)(r, ns, labels, namespaces) });
  }
  return specs.slice(0, count).map(({ namespace, name, spec }) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec }));
}
