// The ways one policy can be made smaller, for shrinking. A NetworkPolicy: drop a rule, a peer, a
// port entry, one of a peer's two selectors, a selector term, an except, an endPort, a protocol, the
// policyTypes or one of its entries. A cluster-scoped policy: drop a rule, a peer, a protocol or
// port entry, a network, a rule's name, a selector term of the subject or a peer. Each edit is the
// path of what it drops, coarse ones first, later items of a list before earlier ones (so a dropped
// item leaves the others' paths intact). Edits that leave a policy the API server would reject
// (a rule with no peer, say) are the caller's to skip.
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../model/api.js';
import type { ClusterPolicy, EgressPeer, NamespacedPod } from '../model/cluster-policy.js';

type Path = (string | number)[];

export interface PolicyEdit {
  what: string;
  path: Path;
}

const SIDES = [
  { key: 'ingress', peers: 'from' },
  { key: 'egress', peers: 'to' },
] as const;

/** Indexes of a list, last first. */
function backwards(list: readonly unknown[] | undefined): number[] {
  return Array.from({ length: list?.length ?? 0 }, (_, i) => (list?.length ?? 0) - 1 - i);
}

function* selectorEdits(path: Path, what: string, selector: LabelSelector | undefined): Generator<PolicyEdit> {
  for (const key of Object.keys(selector?.matchLabels ?? {})) yield { what: `${what}: drop matchLabels ${key}`, path: [...path, 'matchLabels', key] };
  for (const m of backwards(selector?.matchExpressions)) {
    const req = selector?.matchExpressions?.[m];
    yield { what: `${what}: drop ${req?.key} ${req?.operator}`, path: [...path, 'matchExpressions', m] };
  }
}

function* peerEdits(path: Path, what: string, peer: NetworkPolicyPeer): Generator<PolicyEdit> {
  if (peer.podSelector && peer.namespaceSelector) {
    yield { what: `${what}: drop namespaceSelector`, path: [...path, 'namespaceSelector'] };
    yield { what: `${what}: drop podSelector`, path: [...path, 'podSelector'] };
  }
  yield* selectorEdits([...path, 'podSelector'], `${what} podSelector`, peer.podSelector);
  yield* selectorEdits([...path, 'namespaceSelector'], `${what} namespaceSelector`, peer.namespaceSelector);
  for (const e of backwards(peer.ipBlock?.except)) yield { what: `${what}: drop except ${peer.ipBlock?.except?.[e]}`, path: [...path, 'ipBlock', 'except', e] };
}

function* portEdits(path: Path, what: string, port: NetworkPolicyPort): Generator<PolicyEdit> {
  if (port.endPort !== undefined) yield { what: `${what}: drop endPort`, path: [...path, 'endPort'] };
  if (port.protocol !== undefined) yield { what: `${what}: drop protocol`, path: [...path, 'protocol'] };
}

/** Every edit of one policy, coarse ones first. */
export function* policyEdits(policy: NetworkPolicy): Generator<PolicyEdit> {
  const spec = policy.spec;
  const rulesOf = (side: (typeof SIDES)[number]): { peers?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[] =>
    side.key === 'ingress' ? (spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })) : (spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
  for (const side of SIDES) for (const r of backwards(rulesOf(side))) yield { what: `drop ${side.key}[${r}]`, path: ['spec', side.key, r] };
  for (const side of SIDES) {
    const rules = rulesOf(side);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      const at: Path = ['spec', side.key, r];
      for (const p of backwards(rule?.peers)) yield { what: `drop ${side.key}[${r}].${side.peers}[${p}]`, path: [...at, side.peers, p] };
      for (const q of backwards(rule?.ports)) yield { what: `drop ${side.key}[${r}].ports[${q}]`, path: [...at, 'ports', q] };
      for (const [p, peer] of (rule?.peers ?? []).entries()) yield* peerEdits([...at, side.peers, p], `${side.key}[${r}].${side.peers}[${p}]`, peer);
      for (const [q, port] of (rule?.ports ?? []).entries()) yield* portEdits([...at, 'ports', q], `${side.key}[${r}].ports[${q}]`, port);
    }
  }
  yield* selectorEdits(['spec', 'podSelector'], 'podSelector', spec.podSelector);
  if (spec.policyTypes !== undefined) {
    yield { what: 'drop policyTypes', path: ['spec', 'policyTypes'] };
    if (spec.policyTypes.length > 1) for (const t of backwards(spec.policyTypes)) yield { what: `drop policyTypes ${spec.policyTypes[t]}`, path: ['spec', 'policyTypes', t] };
  }
}

function* namespacedPodEdits(path: Path, what: string, pods: NamespacedPod | undefined): Generator<PolicyEdit> {
  yield* selectorEdits([...path, 'namespaceSelector'], `${what} namespaceSelector`, pods?.namespaceSelector);
  yield* selectorEdits([...path, 'podSelector'], `${what} podSelector`, pods?.podSelector);
}

/** Every edit of one cluster-scoped policy, coarse ones first. */
export function* clusterPolicyEdits(policy: ClusterPolicy): Generator<PolicyEdit> {
  const spec = policy.spec;
  const sides = [
    { key: 'ingress', peers: 'from', rules: (spec.ingress ?? []).map((r) => ({ peers: r.from as EgressPeer[], ports: 'protocols' in r ? r.protocols : 'ports' in r ? r.ports : undefined, named: r.name !== undefined })) },
    { key: 'egress', peers: 'to', rules: (spec.egress ?? []).map((r) => ({ peers: r.to, ports: 'protocols' in r ? r.protocols : 'ports' in r ? r.ports : undefined, named: r.name !== undefined })) },
  ] as const;
  const portsKey = policy.kind === 'ClusterNetworkPolicy' ? 'protocols' : 'ports';
  for (const side of sides) for (const r of backwards(side.rules)) yield { what: `drop ${side.key}[${r}]`, path: ['spec', side.key, r] };
  for (const side of sides) {
    for (const [r, rule] of side.rules.entries()) {
      const at: Path = ['spec', side.key, r];
      for (const p of backwards(rule.peers)) yield { what: `drop ${side.key}[${r}].${side.peers}[${p}]`, path: [...at, side.peers, p] };
      for (const q of backwards(rule.ports)) yield { what: `drop ${side.key}[${r}].${portsKey}[${q}]`, path: [...at, portsKey, q] };
      if (rule.named) yield { what: `drop ${side.key}[${r}].name`, path: [...at, 'name'] };
      for (const [p, peer] of rule.peers.entries()) {
        const where = `${side.key}[${r}].${side.peers}[${p}]`;
        for (const n of backwards(peer.networks)) yield { what: `${where}: drop network ${peer.networks?.[n]}`, path: [...at, side.peers, p, 'networks', n] };
        yield* selectorEdits([...at, side.peers, p, 'namespaces'], `${where} namespaces`, peer.namespaces);
        yield* namespacedPodEdits([...at, side.peers, p, 'pods'], `${where} pods`, peer.pods);
      }
    }
  }
  yield* selectorEdits(['spec', 'subject', 'namespaces'], 'subject namespaces', spec.subject.namespaces);
  yield* namespacedPodEdits(['spec', 'subject', 'pods'], 'subject pods', spec.subject.pods);
}

/**
 * A copy of the policy without what the path names. A list left empty goes too (absent and empty
 * mean the same for every list a policy has), and so does a matchLabels left empty.
 */
export function withoutPath<P extends NetworkPolicy | ClusterPolicy>(policy: P, path: Path): P {
  const copy = structuredClone(policy);
  const parents: unknown[] = [copy];
  for (const step of path.slice(0, -1)) parents.push((parents.at(-1) as Record<string | number, unknown>)[step]);
  const container = parents.at(-1);
  const last = path.at(-1);
  if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
  else if (container && typeof container === 'object' && last !== undefined) delete (container as Record<string | number, unknown>)[last];
  const key = path.at(-2);
  const emptyList = Array.isArray(container) && container.length === 0;
  const emptyLabels = key === 'matchLabels' && container !== null && typeof container === 'object' && Object.keys(container).length === 0;
  if ((emptyList || emptyLabels) && key !== undefined) delete (parents.at(-2) as Record<string | number, unknown>)[key];
  return copy;
}
