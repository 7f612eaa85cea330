// docs/semantics.md "Isolation and verdicts": isolation per direction, both ends must allow, policies are
// additive, self traffic, external hosts checked only at the pod end.
import { describe } from 'node:test';
import { BASE, netpol, runCases, type EngineCase } from './cases.js';

const denyIngressXA = netpol('x', 'deny-a', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Ingress'] });
const denyEgressXA = netpol('x', 'deny-egress-a', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'] });
const denyAllXA = netpol('x', 'deny-all-a', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Ingress', 'Egress'] });
const allowFromYB = netpol('x', 'allow-yb', {
  podSelector: { matchLabels: { pod: 'a' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }] }],
});
const allowFromZC = netpol('x', 'allow-zc', {
  podSelector: { matchLabels: { pod: 'a' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'z' } }, podSelector: { matchLabels: { pod: 'c' } } }] }],
});
const egressYBToXA = netpol('y', 'egress-to-xa', {
  podSelector: { matchLabels: { pod: 'b' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ namespaceSelector: { matchLabels: { ns: 'x' } }, podSelector: { matchLabels: { pod: 'a' } } }] }],
});
const denyAllEverywhere = ['x', 'y', 'z'].map((n) => netpol(n, 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));

const cases: EngineCase[] = [
  { description: 'no policy: every pod is non-isolated', objects: BASE, flow: 'x/a -> y/b 80/TCP', expected: 'allowed' },
  { description: 'no policy: any protocol', objects: BASE, flow: 'z/c -> x/a 80/SCTP', expected: 'allowed' },
  { description: 'no policy: external host to pod', objects: BASE, flow: 'backup -> x/a 80/TCP', expected: 'allowed' },
  { description: 'no policy: pod to external host', objects: BASE, flow: 'x/a -> remote 443/TCP', expected: 'allowed' },

  // Ingress isolation of x/a only.
  { description: 'ingress-isolated pod with no rules denies other namespaces', objects: [...BASE, denyIngressXA], flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'ingress-isolated pod with no rules denies its own namespace', objects: [...BASE, denyIngressXA], flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'ingress isolation does not restrict the pod egress', objects: [...BASE, denyIngressXA], flow: 'x/a -> y/b 80/TCP', expected: 'allowed' },
  { description: 'ingress isolation does not touch pods the policy does not select', objects: [...BASE, denyIngressXA], flow: 'x/a -> x/b 80/TCP', expected: 'allowed' },
  {
    description: "a policy selects pods only in its own namespace",
    objects: [...BASE, netpol('y', 'deny-a', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Ingress'] })],
    flow: 'z/b -> x/a 80/TCP',
    expected: 'allowed',
  },
  { description: 'ingress isolation denies external hosts too', objects: [...BASE, denyIngressXA], flow: 'backup -> x/a 80/TCP', expected: 'denied' },

  // Egress isolation of x/a only.
  { description: 'egress-isolated pod with no rules cannot send', objects: [...BASE, denyEgressXA], flow: 'x/a -> y/b 80/TCP', expected: 'denied' },
  { description: 'egress-isolated pod cannot reach external hosts', objects: [...BASE, denyEgressXA], flow: 'x/a -> backup 80/TCP', expected: 'denied' },
  { description: 'egress isolation does not restrict ingress', objects: [...BASE, denyEgressXA], flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'egress isolation: external host to the pod still allowed', objects: [...BASE, denyEgressXA], flow: 'backup -> x/a 80/TCP', expected: 'allowed' },

  // A connection needs egress at the source AND ingress at the destination.
  { description: 'egress allowed at the source but ingress denied at the destination', objects: [...BASE, egressYBToXA, denyIngressXA], flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'ingress allowed at the destination but egress denied at the source', objects: [...BASE, allowFromYB, netpol('y', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] })], flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'egress and ingress both allowed', objects: [...BASE, egressYBToXA, allowFromYB], flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: "egress rule of the source allows only its peer", objects: [...BASE, egressYBToXA], flow: 'y/b -> x/b 80/TCP', expected: 'denied' },

  // Policies are additive: the union of all policies selecting the pod.
  { description: 'additive: the first policy allows y/b', objects: [...BASE, allowFromYB, allowFromZC], flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'additive: the second policy allows z/c', objects: [...BASE, allowFromYB, allowFromZC], flow: 'z/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'additive: order of policies does not matter', objects: [...BASE, allowFromZC, allowFromYB], flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'additive: neither policy allows x/b', objects: [...BASE, allowFromYB, allowFromZC], flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'a deny-all policy never overrides an allowing one', objects: [...BASE, denyIngressXA, allowFromYB], flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'a deny-all policy never overrides an allowing one (reversed order)', objects: [...BASE, allowFromYB, denyIngressXA], flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },

  // Self traffic: a pod cannot block itself, whatever isolates it.
  { description: 'self traffic with deny-all in both directions', objects: [...BASE, denyAllXA], flow: 'x/a -> x/a 80/TCP', expected: 'allowed' },
  { description: 'self traffic on UDP with deny-all everywhere', objects: [...BASE, ...denyAllEverywhere], flow: 'y/c -> y/c 81/UDP', expected: 'allowed' },

  // External hosts are checked only at the pod end.
  { description: 'deny-all everywhere: pod to pod', objects: [...BASE, ...denyAllEverywhere], flow: 'x/a -> x/b 80/TCP', expected: 'denied' },
  { description: 'deny-all everywhere: external to pod is judged at the pod', objects: [...BASE, ...denyAllEverywhere], flow: 'backup -> x/a 80/TCP', expected: 'denied' },
  {
    description: 'external to a pod whose ingress allows all, while every pod is egress-isolated',
    objects: [...BASE, ...['x', 'y', 'z'].map((n) => netpol(n, 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] }))],
    flow: 'backup -> x/a 80/TCP',
    expected: 'allowed',
  },
  {
    description: 'pod to external host whose ingress nothing governs, while every pod is ingress-isolated',
    objects: [...BASE, ...['x', 'y', 'z'].map((n) => netpol(n, 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }))],
    flow: 'x/a -> remote 80/TCP',
    expected: 'allowed',
  },
];

describe('engine: isolation and verdicts', () => runCases(cases));
