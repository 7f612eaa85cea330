// docs/semantics.md "Empty versus absent": podSelector, ingress/egress, from/to, ports; within a rule
// peers AND ports, rules ORed.
import { describe } from 'node:test';
import { BASE, netpol, runCases, type EngineCase } from './cases.js';

const a = { matchLabels: { pod: 'a' } };
const yb = { namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } };
const zc = { namespaceSelector: { matchLabels: { ns: 'z' } }, podSelector: { matchLabels: { pod: 'c' } } };

const cases: EngineCase[] = [
  // spec.podSelector {} / omitted: every pod of the policy's namespace.
  { description: 'podSelector {} selects every pod of its namespace', objects: [...BASE, netpol('x', 'p', { podSelector: {}, policyTypes: ['Ingress'] })], flow: 'y/a -> x/c 80/TCP', expected: 'denied' },
  { description: 'podSelector {} selects no pod of other namespaces', objects: [...BASE, netpol('x', 'p', { podSelector: {}, policyTypes: ['Ingress'] })], flow: 'x/a -> y/c 80/TCP', expected: 'allowed' },
  { description: 'podSelector omitted selects every pod of its namespace', objects: [...BASE, netpol('x', 'p', { policyTypes: ['Ingress'] })], flow: 'y/a -> x/b 80/TCP', expected: 'denied' },
  { description: 'podSelector omitted, egress: every pod of its namespace', objects: [...BASE, netpol('y', 'p', { policyTypes: ['Egress'] })], flow: 'y/c -> x/a 80/TCP', expected: 'denied' },

  // ingress / egress absent or [] in an effective direction: isolation only.
  { description: 'ingress absent: nothing allowed', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress'] })], flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'ingress []: nothing allowed', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress'], ingress: [] })], flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'egress absent with Egress listed: nothing allowed', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'] })], flow: 'x/a -> x/b 80/TCP', expected: 'denied' },
  { description: 'egress [] with Egress listed: nothing allowed', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [] })], flow: 'x/a -> x/b 80/TCP', expected: 'denied' },

  // ingress [{}] / egress [{}]: allow all (every peer, every port, every protocol).
  { description: 'ingress [{}] allows other namespaces', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{}] })], flow: 'z/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'ingress [{}] allows external hosts', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{}] })], flow: 'remote -> x/a 80/TCP', expected: 'allowed' },
  { description: 'ingress [{}] allows every protocol', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{}] })], flow: 'y/b -> x/a 80/SCTP', expected: 'allowed' },
  { description: 'egress [{}] allows every destination', objects: [...BASE, netpol('x', 'p', { podSelector: a, egress: [{}] })], flow: 'x/a -> v6host 443/TCP', expected: 'allowed' },
  { description: 'egress [{}] allows UDP', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{}] })], flow: 'x/a -> z/c 81/UDP', expected: 'allowed' },

  // from / to absent or []: all peers (ports still restrict).
  { description: 'from absent: every peer on the rule ports', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{ port: 80 }] }] })], flow: 'remote -> x/a 80/TCP', expected: 'allowed' },
  { description: 'from absent: other ports still denied', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{ port: 80 }] }] })], flow: 'y/b -> x/a 81/TCP', expected: 'denied' },
  { description: 'from []: every peer on the rule ports', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [], ports: [{ port: 80 }] }] })], flow: 'z/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'to absent: every destination on the rule ports', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{ ports: [{ port: 81 }] }] })], flow: 'x/a -> laptop 81/TCP', expected: 'allowed' },
  { description: 'to []: every destination on the rule ports', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{ to: [], ports: [{ port: 81 }] }] })], flow: 'x/a -> z/b 81/TCP', expected: 'allowed' },
  { description: 'to []: other ports denied', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{ to: [], ports: [{ port: 81 }] }] })], flow: 'x/a -> z/b 80/TCP', expected: 'denied' },

  // ports absent or []: all ports of every protocol.
  { description: 'ports absent: any TCP port', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [yb] }] })], flow: 'y/b -> x/a 65535/TCP', expected: 'allowed' },
  { description: 'ports absent: UDP too', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [yb] }] })], flow: 'y/b -> x/a 5353/UDP', expected: 'allowed' },
  { description: 'ports []: SCTP too', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [yb], ports: [] }] })], flow: 'y/b -> x/a 80/SCTP', expected: 'allowed' },
  { description: 'ports absent: the peer still restricts', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [yb] }] })], flow: 'y/c -> x/a 80/TCP', expected: 'denied' },

  // ports [{}]: all TCP ports only.
  { description: 'ports [{}]: any TCP port', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{}] }] })], flow: 'y/b -> x/a 8443/TCP', expected: 'allowed' },
  { description: 'ports [{}]: not UDP', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{}] }] })], flow: 'y/b -> x/a 80/UDP', expected: 'denied' },
  { description: 'ports [{}]: not SCTP', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{}] }] })], flow: 'y/b -> x/a 80/SCTP', expected: 'denied' },
  { description: 'ports [{protocol: UDP}]: any UDP port', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{ protocol: 'UDP' }] }] })], flow: 'y/b -> x/a 81/UDP', expected: 'allowed' },
  { description: 'ports [{protocol: UDP}]: not TCP', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ ports: [{ protocol: 'UDP' }] }] })], flow: 'y/b -> x/a 81/TCP', expected: 'denied' },

  // Within a rule: any peer AND any port. Rules are ORed.
  ...((): EngineCase[] => {
    const twoRules = [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [yb], ports: [{ port: 80 }] }, { from: [zc], ports: [{ port: 81 }] }] })];
    return [
      { description: 'rule 0 peer on rule 0 port', objects: twoRules, flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
      { description: 'rule 0 peer on rule 1 port: peers and ports do not mix across rules', objects: twoRules, flow: 'y/b -> x/a 81/TCP', expected: 'denied' },
      { description: 'rule 1 peer on rule 1 port', objects: twoRules, flow: 'z/c -> x/a 81/TCP', expected: 'allowed' },
      { description: 'rule 1 peer on rule 0 port', objects: twoRules, flow: 'z/c -> x/a 80/TCP', expected: 'denied' },
      { description: 'a peer of neither rule', objects: twoRules, flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
    ];
  })(),
  ...((): EngineCase[] => {
    const oneRule = [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [yb, zc], ports: [{ port: 80 }, { port: 81, protocol: 'UDP' }] }] })];
    return [
      { description: 'one rule, second peer with second port', objects: oneRule, flow: 'z/c -> x/a 81/UDP', expected: 'allowed' },
      { description: 'one rule, first peer with second port', objects: oneRule, flow: 'y/b -> x/a 81/UDP', expected: 'allowed' },
      { description: 'one rule, a matching peer on an unlisted port', objects: oneRule, flow: 'y/b -> x/a 81/TCP', expected: 'denied' },
    ];
  })(),
];

describe('engine: empty versus absent', () => runCases(cases));
