// Deny-all and allow-all, the first policies anyone writes: per direction and both, one namespace
// and every namespace, one pod, written with `[]` and with the list left out, and allow-all next
// to deny-all.
import type { NetworkPolicy } from '../../model/api.js';
import { networkPolicy, nsLabel, podLabel, singleStep, type GeneratedCase } from '../case.js';
import type { Family } from './family.js';

const denyIngress = (ns: string, name = 'deny-ingress'): NetworkPolicy => networkPolicy(ns, name, { podSelector: {}, policyTypes: ['Ingress'] });
const denyEgress = (ns: string): NetworkPolicy => networkPolicy(ns, 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });

const CASES: { name: string; description: string; tags: string[]; policies: NetworkPolicy[] }[] = [
  { name: 'deny all ingress in x', description: 'podSelector {} with policyTypes [Ingress] and no rules isolates every pod of x.', tags: ['@ingress'], policies: [denyIngress('x')] },
  { name: 'deny all ingress in x, ingress: []', description: 'An empty ingress list allows nothing.', tags: ['@ingress'], policies: [networkPolicy('x', 'deny-ingress', { podSelector: {}, ingress: [] })] },
  { name: 'deny all ingress in x, policyTypes defaulted', description: 'A policy with no policyTypes and no rules is an ingress policy.', tags: ['@ingress'], policies: [networkPolicy('x', 'deny-ingress', { podSelector: {} })] },
  { name: 'deny all egress in x', description: 'policyTypes [Egress] with no rules isolates every pod of x for egress.', tags: ['@egress'], policies: [denyEgress('x')] },
  { name: 'deny all egress in x, egress: []', description: 'An empty egress list with policyTypes [Egress] allows nothing.', tags: ['@egress'], policies: [networkPolicy('x', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [] })] },
  { name: 'deny all both directions in x', description: 'One policy isolating x both ways.', tags: ['@ingress', '@egress'], policies: [networkPolicy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })] },
  { name: 'allow all ingress in x', description: 'An empty rule allows every peer on every port: isolated, yet all allowed.', tags: ['@ingress'], policies: [networkPolicy('x', 'allow-ingress', { podSelector: {}, ingress: [{}] })] },
  { name: 'allow all egress in x', description: 'An empty egress rule allows everything out.', tags: ['@egress'], policies: [networkPolicy('x', 'allow-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })] },
  { name: 'deny all ingress everywhere', description: 'A deny-all ingress policy in every namespace.', tags: ['@ingress'], policies: ['x', 'y', 'z'].map((ns) => denyIngress(ns)) },
  { name: 'deny all egress everywhere', description: 'A deny-all egress policy in every namespace.', tags: ['@egress'], policies: ['x', 'y', 'z'].map(denyEgress) },
  { name: 'deny all ingress and allow all ingress in x', description: 'Policies add up: an allow-all next to a deny-all allows all.', tags: ['@ingress'], policies: [denyIngress('x'), networkPolicy('x', 'allow-ingress', { podSelector: {}, ingress: [{}] })] },
  { name: 'deny all ingress to x/a', description: 'A deny-all for one pod leaves its neighbours open.', tags: ['@ingress'], policies: [networkPolicy('x', 'deny-a', { podSelector: podLabel('a'), policyTypes: ['Ingress'] })] },
  { name: 'deny all ingress in x, allow from x', description: 'Default deny plus "allow from my own namespace".', tags: ['@ingress'], policies: [denyIngress('x'), networkPolicy('x', 'allow-same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })] },
  { name: 'deny all egress in x, allow to y', description: 'Default deny egress plus "allow to namespace y".', tags: ['@egress'], policies: [denyEgress('x'), networkPolicy('x', 'allow-to-y', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsLabel('y') }] }] })] },
];

export const denyAllowFamily: Family = {
  name: 'deny-allow',
  summary: 'deny-all and allow-all per direction, per namespace and everywhere, and the two together',
  cases() {
    return CASES.map((c): GeneratedCase => singleStep(c.name, c.description, ['@default-deny', ...c.tags], c.policies));
  },
};
