// The cluster-scoped tiers on the x/y/z model, each case written twice: as ClusterNetworkPolicies
// (v1alpha2: tier Admin or Baseline) and as AdminNetworkPolicies and the
// BaselineAdminNetworkPolicy (v1alpha1). What they show: an Admin deny beats a NetworkPolicy allow,
// an Admin allow beats NetworkPolicy isolation, Pass hands the flow to the NetworkPolicies and,
// without them, to the Baseline tier; the Baseline tier decides only for pods no NetworkPolicy
// isolates; a lower priority number wins; within a policy the first matching rule wins; subjects
// by namespace and by pod; egress to networks; ports of every form; a policy deleted mid-case.
import type { LabelSelector, NetworkPolicy } from '../../model/api.js';
import type { AnpEgressRule, AnpIngressRule, AnpPort, ClusterPolicy, CnpAction, CnpProtocol, EgressPeer, PolicySubject } from '../../model/cluster-policy.js';
import { networkPolicy, nsIn, nsLabel, podLabel, type AnyPolicy, type CaseStep, type GeneratedCase } from '../case.js';
import { ipOf, type Family, type FamilyContext } from './family.js';

type Tier = 'Admin' | 'Baseline';
type Version = 'v1alpha2' | 'v1alpha1';
type Action = 'allow' | 'deny' | 'pass';

/** A version-neutral rule: the action, the peers, and ports as numbers, a range or a name. */
interface TierRule {
  action: Action;
  peers: EgressPeer[];
  ports?: { tcp?: number; udp?: number; range?: [number, number]; named?: string }[];
}

interface TierPolicy {
  name: string;
  tier: Tier;
  priority: number;
  subject: PolicySubject;
  ingress?: TierRule[];
  egress?: TierRule[];
}

const CNP_ACTION: Record<Action, CnpAction> = { allow: 'Accept', deny: 'Deny', pass: 'Pass' };
const ANP_ACTION = { allow: 'Allow', deny: 'Deny', pass: 'Pass' } as const;

function cnpProtocols(ports: TierRule['ports']): CnpProtocol[] | undefined {
  return ports?.map((p): CnpProtocol => {
    if (p.named !== undefined) return { destinationNamedPort: p.named };
    if (p.range) return { tcp: { destinationPort: { range: { start: p.range[0], end: p.range[1] } } } };
    if (p.udp !== undefined) return { udp: { destinationPort: { number: p.udp } } };
    return { tcp: { destinationPort: { number: p.tcp ?? 80 } } };
  });
}

function anpPorts(ports: TierRule['ports']): AnpPort[] | undefined {
  return ports?.map((p): AnpPort => {
    if (p.named !== undefined) return { namedPort: p.named };
    if (p.range) return { portRange: { protocol: 'TCP', start: p.range[0], end: p.range[1] } };
    if (p.udp !== undefined) return { portNumber: { protocol: 'UDP', port: p.udp } };
    return { portNumber: { protocol: 'TCP', port: p.tcp ?? 80 } };
  });
}

/** The policy in one API version: a ClusterNetworkPolicy, or an AdminNetworkPolicy / the BaselineAdminNetworkPolicy. */
function written(p: TierPolicy, version: Version): ClusterPolicy {
  if (version === 'v1alpha2') {
    const rule = (r: TierRule) => ({ action: CNP_ACTION[r.action], ...(r.ports ? { protocols: cnpProtocols(r.ports) ?? [] } : {}) });
    return {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: p.name },
      spec: {
        tier: p.tier,
        priority: p.priority,
        subject: p.subject,
        ...(p.ingress ? { ingress: p.ingress.map((r) => ({ ...rule(r), from: r.peers })) } : {}),
        ...(p.egress ? { egress: p.egress.map((r) => ({ ...rule(r), to: r.peers })) } : {}),
      },
    };
  }
  const ports = (r: TierRule) => (r.ports ? { ports: anpPorts(r.ports) ?? [] } : {});
  if (p.tier === 'Admin') {
    const ingress = p.ingress?.map((r): AnpIngressRule => ({ action: ANP_ACTION[r.action], from: r.peers, ...ports(r) }));
    const egress = p.egress?.map((r): AnpEgressRule => ({ action: ANP_ACTION[r.action], to: r.peers, ...ports(r) }));
    return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: p.name }, spec: { priority: p.priority, subject: p.subject, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) } };
  }
  // The Baseline tier of v1alpha1 is one policy named default, with Allow and Deny only.
  const action = (a: Action): 'Allow' | 'Deny' => (a === 'deny' ? 'Deny' : 'Allow');
  const ingress = p.ingress?.map((r): AnpIngressRule<'Allow' | 'Deny'> => ({ action: action(r.action), from: r.peers, ...ports(r) }));
  const egress = p.egress?.map((r): AnpEgressRule<'Allow' | 'Deny'> => ({ action: action(r.action), to: r.peers, ...ports(r) }));
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject: p.subject, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) } };
}

const ns = (name: string): { namespaces: LabelSelector } => ({ namespaces: nsLabel(name) });
const x: PolicySubject = { namespaces: nsLabel('x') };
const allowAllInX = networkPolicy('x', 'allow-all', { podSelector: {}, ingress: [{}] });
const denyAllInX = networkPolicy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });

interface TierCase {
  name: string;
  description: string;
  policies: TierPolicy[];
  networkPolicies?: NetworkPolicy[];
  /** Deleted after a first probe, then probed again. */
  deleteAfter?: string;
}

function tierCases(ctx: FamilyContext): TierCase[] {
  const admin = (name: string, priority: number, subject: PolicySubject, rules: Pick<TierPolicy, 'ingress' | 'egress'>): TierPolicy => ({ name, tier: 'Admin', priority, subject, ...rules });
  const baseline = (name: string, subject: PolicySubject, rules: Pick<TierPolicy, 'ingress' | 'egress'>): TierPolicy => ({ name, tier: 'Baseline', priority: 10, subject, ...rules });
  return [
    { name: 'Admin deny beats a NetworkPolicy allow', description: 'x allows every ingress, but the Admin tier denies y first.', policies: [admin('deny-y', 10, x, { ingress: [{ action: 'deny', peers: [ns('y')] }] })], networkPolicies: [allowAllInX] },
    { name: 'Admin allow beats NetworkPolicy isolation', description: 'x denies all ingress, but the Admin tier accepts z before the NetworkPolicies are asked.', policies: [admin('allow-z', 10, x, { ingress: [{ action: 'allow', peers: [ns('z')] }] })], networkPolicies: [denyAllInX] },
    {
      name: 'Admin pass hands the flow to the NetworkPolicies',
      description: 'The Admin tier passes y; x/a admits y by NetworkPolicy, the rest of x is isolated.',
      policies: [admin('pass-y', 10, x, { ingress: [{ action: 'pass', peers: [ns('y')] }] })],
      networkPolicies: [denyAllInX, networkPolicy('x', 'a-from-y', { podSelector: podLabel('a'), ingress: [{ from: [{ namespaceSelector: nsLabel('y') }] }] })],
    },
    { name: 'Admin pass, no NetworkPolicy: the Baseline tier decides', description: 'y is passed by the Admin tier, no NetworkPolicy isolates x, so the Baseline deny applies.', policies: [admin('pass-y', 10, x, { ingress: [{ action: 'pass', peers: [ns('y')] }] }), baseline('deny-y', x, { ingress: [{ action: 'deny', peers: [ns('y')] }] })] },
    { name: 'Baseline deny where no NetworkPolicy isolates', description: 'The Baseline tier denies z to x: nothing earlier decides.', policies: [baseline('deny-z', x, { ingress: [{ action: 'deny', peers: [ns('z')] }] })] },
    {
      name: 'NetworkPolicy isolation overrides the Baseline tier',
      description: 'x/a admits only its own namespace by NetworkPolicy; the Baseline allow of y is never asked for x/a, and denies z elsewhere.',
      policies: [baseline('allow-y-deny-z', x, { ingress: [{ action: 'allow', peers: [ns('y')] }, { action: 'deny', peers: [ns('z')] }] })],
      networkPolicies: [networkPolicy('x', 'a-from-x', { podSelector: podLabel('a'), ingress: [{ from: [{ podSelector: {} }] }] })],
    },
    { name: 'lower priority number wins', description: 'Two Admin policies on the same flows: priority 1 denies y, priority 5 accepts it.', policies: [admin('deny-y', 1, x, { ingress: [{ action: 'deny', peers: [ns('y')] }] }), admin('allow-y', 5, x, { ingress: [{ action: 'allow', peers: [ns('y')] }] })] },
    { name: 'the same policies, priorities swapped', description: 'Now the accept comes first: y reaches x.', policies: [admin('deny-y', 5, x, { ingress: [{ action: 'deny', peers: [ns('y')] }] }), admin('allow-y', 1, x, { ingress: [{ action: 'allow', peers: [ns('y')] }] })] },
    {
      name: 'the first matching rule wins',
      description: 'Rules are tried in order: y/a is accepted by the first rule, the rest of y denied by the second.',
      policies: [admin('rules', 10, x, { ingress: [{ action: 'allow', peers: [{ pods: { namespaceSelector: nsLabel('y'), podSelector: podLabel('a') } }] }, { action: 'deny', peers: [ns('y')] }] })],
    },
    { name: 'subject by pods: egress of c pods denied', description: 'The subject selects pod c in every namespace; their egress to x is denied.', policies: [admin('c-not-to-x', 10, { pods: { namespaceSelector: {}, podSelector: podLabel('c') } }, { egress: [{ action: 'deny', peers: [ns('x')] }] })] },
    {
      name: 'egress to networks',
      description: "x's egress to z/b's address is denied, to the rest of the pod network passed on and allowed.",
      policies: [admin('networks', 10, x, { egress: [{ action: 'deny', peers: [{ networks: [`${ipOf(ctx, 'z/b')}/32`] }] }, { action: 'pass', peers: [{ networks: ['10.244.0.0/16'] }] }] })],
    },
    { name: 'ports: one TCP port, a range and UDP', description: 'Denied from y: 80/TCP, and 81/UDP; a range 81-82 on TCP from z.', policies: [admin('ports', 10, x, { ingress: [{ action: 'deny', peers: [ns('y')], ports: [{ tcp: 80 }, { udp: 81 }] }, { action: 'deny', peers: [ns('z')], ports: [{ range: [81, 82] }] }] })] },
    { name: 'ports: a named port', description: 'Denied from every namespace but x: the port named serve-81-tcp of the destination.', policies: [admin('named', 10, x, { ingress: [{ action: 'deny', peers: [{ namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] }] } }], ports: [{ named: 'serve-81-tcp' }] }] })] },
    { name: 'an Admin policy deleted mid-case', description: 'Denied while the policy exists, allowed once it is deleted.', policies: [admin('deny-yz', 10, x, { ingress: [{ action: 'deny', peers: [{ namespaces: nsIn('y', 'z') }] }] })], deleteAfter: 'deny-yz' },
  ];
}

function toCase(c: TierCase, version: Version): GeneratedCase {
  const cluster = c.policies.map((p) => written(p, version));
  const policies: AnyPolicy[] = [...(c.networkPolicies ?? []), ...cluster];
  const steps: CaseStep[] = [{ kind: 'apply', policies }, { kind: 'probe' }];
  const deleted = cluster.find((p, i) => c.policies[i]?.name === c.deleteAfter);
  if (deleted) steps.push({ kind: 'delete-cluster-policy', policyKind: deleted.kind, name: deleted.metadata.name }, { kind: 'probe' });
  return { name: `${c.name} (${version === 'v1alpha2' ? 'ClusterNetworkPolicy' : 'AdminNetworkPolicy'})`, description: c.description, tags: ['@tiers', '@ingress', '@egress', ...(c.deleteAfter ? ['@update'] : [])], steps };
}

export const tiersFamily: Family = {
  name: 'tiers',
  summary: 'the cluster-scoped tiers in both API versions: Admin deny, allow and pass against NetworkPolicies, the Baseline tier, priorities, rule order, subjects, networks, ports, deletion',
  cases: (ctx) => tierCases(ctx).flatMap((c) => [toCase(c, 'v1alpha2'), toCase(c, 'v1alpha1')]),
};
