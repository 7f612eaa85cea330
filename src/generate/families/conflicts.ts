// Conflicting and overlapping policies. Conflicts between a source (x/b) and a destination (y/c),
// as Cyclonus builds them: deny at one end and allow at the other, deny-all next to allow-all
// written by pods and by addresses, denials "by address" (a block no pod is in) and "by pod" (a
// selector no namespace matches). Overlaps: policies and rules whose allowances add up, a block
// with an except next to a selector that allows the excepted pod, a single-port rule next to an
// all-ports one (a past Calico bug), policies of the same name in two namespaces.
import type { LabelSelector, NetworkPolicy, NetworkPolicySpec } from '../../model/api.js';
import { networkPolicy, nsLabel, podLabel, singleStep, type GeneratedCase } from '../case.js';
import { ipOf, type Family, type FamilyContext } from './family.js';
import { rulesOf, type NetworkPolicyRule } from './rules.js';

const NOWHERE: LabelSelector = { matchLabels: { 'this-will-never-happen': 'qrs123' } };
const SOURCE = { ns: 'x', pod: 'b' };
const DEST = { ns: 'y', pod: 'c' };

type Dir = 'ingress' | 'egress';
const ALLOW_ALL: NetworkPolicyRule[] = [{}];
const DENY_ALL: NetworkPolicyRule[] = [];
const ALLOW_ALL_BY_POD: NetworkPolicyRule[] = [{ peers: [{ namespaceSelector: {} }] }];
const ALLOW_ALL_BY_IP: NetworkPolicyRule[] = [{ peers: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }];
const DENY_ALL_BY_IP: NetworkPolicyRule[] = [{ peers: [{ ipBlock: { cidr: '0.0.0.0/31' } }] }];
const DENY_ALL_BY_POD: NetworkPolicyRule[] = [{ peers: [{ namespaceSelector: NOWHERE }] }];

/** A policy at one end of the conflict: the source for egress, the destination for ingress. */
function at(direction: Dir, name: string, rules: NetworkPolicyRule[]): NetworkPolicy {
  const end = direction === 'egress' ? SOURCE : DEST;
  const spec: NetworkPolicySpec = { podSelector: podLabel(end.pod), policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'], ...rulesOf(direction, rules) };
  return networkPolicy(end.ns, name, spec);
}

function conflicts(): GeneratedCase[] {
  const c = (name: string, description: string, tags: string[], policies: NetworkPolicy[]): GeneratedCase => singleStep(name, description, ['@conflict', ...tags], policies);
  const cases = [
    c('deny all from source, allow all to destination', 'The source denies its egress: the destination allowing ingress does not help.', ['@ingress', '@egress'], [at('egress', 'deny-all-egress', DENY_ALL), at('ingress', 'allow-all-ingress', ALLOW_ALL)]),
    c('allow all from source, deny all to destination', 'The destination denies its ingress: the source allowing egress does not help.', ['@ingress', '@egress'], [at('egress', 'allow-all-egress', ALLOW_ALL), at('ingress', 'deny-all-ingress', DENY_ALL)]),
  ];
  for (const direction of ['egress', 'ingress'] as const) {
    const end = direction === 'egress' ? 'from the same source' : 'to the same destination';
    const pairs: [string, string, NetworkPolicyRule[], string, NetworkPolicyRule[]][] = [
      ['deny all + allow all', 'deny-all', DENY_ALL, 'allow-all', ALLOW_ALL],
      ['deny all + allow all by pod', 'deny-all', DENY_ALL, 'allow-all-by-pod', ALLOW_ALL_BY_POD],
      ['deny all + allow all by IP', 'deny-all', DENY_ALL, 'allow-all-by-ip', ALLOW_ALL_BY_IP],
      ['deny all by IP + allow all by pod', 'deny-all-by-ip', DENY_ALL_BY_IP, 'allow-all-by-pod', ALLOW_ALL_BY_POD],
      ['deny all by pod + allow all by IP', 'deny-all-by-pod', DENY_ALL_BY_POD, 'allow-all-by-ip', ALLOW_ALL_BY_IP],
    ];
    for (const [text, denyName, deny, allowName, allow] of pairs) {
      cases.push(c(`${direction}: ${text} ${end}`, 'Allowances add up: the policy that allows wins over the one that allows nothing.', [`@${direction}`], [at(direction, `${denyName}-${direction}`, deny), at(direction, `${allowName}-${direction}`, allow)]));
    }
    cases.push(c(`${direction}: deny all by IP ${end}`, 'A block no pod is in isolates and allows no pod.', [`@${direction}`], [at(direction, `deny-all-by-ip-${direction}`, DENY_ALL_BY_IP)]));
    cases.push(c(`${direction}: deny all by pod ${end}`, 'A namespaceSelector no namespace matches isolates and allows nothing.', [`@${direction}`], [at(direction, `deny-all-by-pod-${direction}`, DENY_ALL_BY_POD)]));
  }
  return cases;
}

function overlaps(ctx: FamilyContext): GeneratedCase[] {
  const o = (name: string, description: string, tags: string[], policies: NetworkPolicy[]): GeneratedCase => singleStep(name, description, ['@overlap', ...tags], policies);
  const xa = (name: string, spec: Omit<NetworkPolicySpec, 'podSelector'>): NetworkPolicy => networkPolicy('x', name, { podSelector: podLabel('a'), ...spec });
  return [
    o('two policies, different peers and ports', 'x/a gets 80 from y and 81 from z: the union of both policies.', ['@ingress'], [
      xa('from-y-80', { ingress: [{ from: [{ namespaceSelector: nsLabel('y') }], ports: [{ port: 80 }] }] }),
      xa('from-z-81', { ingress: [{ from: [{ namespaceSelector: nsLabel('z') }], ports: [{ port: 81 }] }] }),
    ]),
    o('a block with an except, and a selector for the excepted pod', 'The except only narrows its own peer: another policy still allows y/b.', ['@ingress', '@ipblock'], [
      xa('block', { ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: [`${ipOf(ctx, 'y/b')}/32`] } }] }] }),
      xa('pod-b', { ingress: [{ from: [{ namespaceSelector: nsLabel('y'), podSelector: podLabel('b') }] }] }),
    ]),
    o('single-port rule and all-ports rule in one policy', 'A rule for port 80 does not narrow another rule that allows every port.', ['@ingress', '@ports'], [
      xa('ports', { ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80 }] }, { from: [{ podSelector: {} }] }] }),
    ]),
    o('single-port policy and all-ports policy', 'A policy for port 80 does not narrow another policy that allows every port.', ['@ingress', '@ports'], [
      xa('port-80', { ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 80 }] }] }),
      xa('all-ports', { ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    ]),
    o('the same peer in two rules with different ports', 'Rules add up: 80/TCP from one rule and 81/UDP from the other.', ['@ingress', '@ports'], [
      xa('two-rules', { ingress: [{ from: [{ podSelector: podLabel('b') }], ports: [{ port: 80 }] }, { from: [{ podSelector: podLabel('b') }], ports: [{ port: 81, protocol: 'UDP' }] }] }),
    ]),
    o('rule with peers and ports, and a rule with peers only', 'The second rule opens every port to its peers.', ['@ingress', '@ports'], [
      xa('rules', { ingress: [{ from: [{ namespaceSelector: nsLabel('y') }], ports: [{ port: 80 }] }, { from: [{ namespaceSelector: nsLabel('z') }] }] }),
    ]),
    o('egress allowed at the source, ingress denied at the destination', 'Both ends must allow: x/a may send to y, but y/a admits only z.', ['@ingress', '@egress'], [
      xa('to-y', { policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsLabel('y') }] }] }),
      networkPolicy('y', 'from-z', { podSelector: podLabel('a'), ingress: [{ from: [{ namespaceSelector: nsLabel('z') }] }] }),
    ]),
    o('policies of the same name in two namespaces', 'A policy belongs to its namespace: x/p and y/p are two policies.', ['@ingress'], [
      networkPolicy('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }),
      networkPolicy('y', 'p', { podSelector: podLabel('b'), ingress: [{ from: [{ namespaceSelector: nsLabel('x') }] }] }),
    ]),
    o('ingress and egress policies on the same pod', 'x/a isolated both ways by two policies, each allowing pod b.', ['@ingress', '@egress'], [
      xa('in', { ingress: [{ from: [{ podSelector: podLabel('b') }] }] }),
      xa('out', { policyTypes: ['Egress'], egress: [{ to: [{ podSelector: podLabel('b') }] }] }),
    ]),
  ];
}

export const conflictsFamily: Family = {
  name: 'conflicts',
  summary: 'conflicting policies at the two ends of a flow and in one direction, and overlapping policies and rules whose allowances add up',
  cases: (ctx) => [...conflicts(), ...overlaps(ctx)],
};
