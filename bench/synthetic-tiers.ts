// Synthetic cluster-scoped policies for the engine benchmark: ClusterNetworkPolicies of both tiers
// as a platform team writes them (namespace and pod subjects; deny lists, pass-throughs to the
// namespaces' own NetworkPolicies, accepted infrastructure ports, networks for the outside world),
// with distinct priorities. Deterministic for a seed.
import { Random, type ClusterNetworkPolicy, type CnpAction, type CnpEgressRule, type CnpIngressRule, type CnpProtocol, type EgressPeer, type LabelSelector, type PolicySubject } from '../src/index.js';

const ENVS = ['prod', 'staging', 'dev', 'test'];
const TIERS = ['web', 'api', 'db', 'cache', 'worker'];

export function syntheticClusterPolicies(count: number, namespaces: number, seed = 7): ClusterNetworkPolicy[] {
  const r = new Random(seed);
  const random = (): number => r.int(1_000_000) / 1_000_000;
  const pick = <T>(items: readonly T[]): T => r.pick(items);
  const nsSel = (): LabelSelector =>
    random() < 0.5 ? { matchLabels: { env: pick(ENVS) } } : random() < 0.5 ? { matchLabels: { 'kubernetes.io/metadata.name': `ns-${Math.floor(random() * namespaces)}` } } : { matchExpressions: [{ key: 'team', operator: 'In', values: ['team-1', 'team-3'] }] };
  const podSel = (): LabelSelector => (random() < 0.6 ? { matchLabels: { tier: pick(TIERS) } } : { matchLabels: { app: `app-${Math.floor(random() * 24)}` } });
  const subject = (): PolicySubject => (random() < 0.6 ? { namespaces: nsSel() } : { pods: { namespaceSelector: nsSel(), podSelector: podSel() } });
  const peer = (egress: boolean): EgressPeer => {
    const r = random();
    if (r < 0.4) return { namespaces: nsSel() };
    if (r < 0.75 || !egress) return { pods: { namespaceSelector: nsSel(), podSelector: podSel() } };
    return random() < 0.5 ? { networks: ['0.0.0.0/0'] } : { networks: [`10.244.${Math.floor(random() * 256)}.0/24`, '192.168.5.0/24'] };
  };
  /** The API refuses a named port next to a networks peer: there are no named ports outside the cluster. */
  const protocols = (named: boolean): CnpProtocol[] | undefined => {
    const r = random();
    if (r < 0.4) return undefined;
    if (r < 0.6) return [{ tcp: { destinationPort: { number: 80 } } }];
    if (r < 0.75) return [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }];
    if (r < 0.9 || !named) return [{ tcp: { destinationPort: { range: { start: 8000, end: 9000 } } } }];
    return [{ destinationNamedPort: 'http' }];
  };
  const action = (tier: 'Admin' | 'Baseline'): CnpAction => (tier === 'Admin' ? pick(['Deny', 'Pass', 'Accept', 'Deny'] as const) : pick(['Deny', 'Accept'] as const));
  return Array.from({ length: count }, (_, i): ClusterNetworkPolicy => {
    const tier = random() < 0.7 ? 'Admin' : 'Baseline';
    const rules = 1 + Math.floor(random() * 3);
    const withProtocols = <R extends { from?: EgressPeer[]; to?: EgressPeer[] }>(rule: R): R => {
      const p = protocols(![...(rule.from ?? []), ...(rule.to ?? [])].some((peer) => peer.networks));
      return p ? { ...rule, protocols: p } : rule;
    };
    const ingress: CnpIngressRule[] = Array.from({ length: random() < 0.7 ? rules : 0 }, (_, r) => withProtocols({ name: `in-${r}`, action: action(tier), from: [peer(false), ...(random() < 0.3 ? [peer(false)] : [])] }));
    const egress: CnpEgressRule[] = Array.from({ length: random() < 0.5 ? rules : 0 }, (_, r) => withProtocols({ name: `out-${r}`, action: action(tier), to: [peer(true)] }));
    return {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: `cnp-${i}` },
      // Distinct priorities: the bench measures the engine, not same-priority ties.
      spec: { tier, priority: i % 1001, subject: subject(), ...(ingress.length > 0 ? { ingress } : {}), ...(egress.length > 0 ? { egress } : {}) },
    };
  });
}
