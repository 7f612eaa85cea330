// docs/semantics.md "policyTypes defaulting": absent/empty -> [Ingress], plus Egress iff egress rules are
// non-empty; only the listed directions take effect.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { effectivePolicyTypes } from '../../src/engine/index.js';
import { BASE, netpol, runCases, type EngineCase } from './cases.js';

const toYB = [{ to: [{ namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }] }];
const fromYB = [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }] }];
const a = { matchLabels: { pod: 'a' } };

describe('effectivePolicyTypes', () => {
  const table: { description: string; spec: Parameters<typeof effectivePolicyTypes>[0]; expected: string[] }[] = [
    { description: 'absent, no rules', spec: {}, expected: ['Ingress'] },
    { description: 'absent, ingress rules only', spec: { ingress: [{}] }, expected: ['Ingress'] },
    { description: 'absent, egress: []', spec: { egress: [] }, expected: ['Ingress'] },
    { description: 'absent, egress rules', spec: { egress: [{}] }, expected: ['Ingress', 'Egress'] },
    { description: 'empty list, egress rules', spec: { policyTypes: [], egress: [{}] }, expected: ['Ingress', 'Egress'] },
    { description: 'empty list, no rules', spec: { policyTypes: [] }, expected: ['Ingress'] },
    { description: 'Egress only, with ingress rules', spec: { policyTypes: ['Egress'], ingress: [{}] }, expected: ['Egress'] },
    { description: 'Ingress only, with egress rules', spec: { policyTypes: ['Ingress'], egress: [{}] }, expected: ['Ingress'] },
    { description: 'both', spec: { policyTypes: ['Egress', 'Ingress'] }, expected: ['Egress', 'Ingress'] },
  ];
  for (const c of table) {
    it(`${c.description} -> ${c.expected.join(', ')}`, () => {
      expect(effectivePolicyTypes(c.spec)).to.deep.equal(c.expected);
    });
  }
});

const cases: EngineCase[] = [
  // Absent policyTypes, no egress rules: an ingress policy.
  { description: 'absent policyTypes with ingress rules isolates ingress', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: fromYB })], flow: 'z/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'absent policyTypes with ingress rules allows the rule peer', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: fromYB })], flow: 'y/b -> x/a 80/TCP', expected: 'allowed' },
  { description: 'absent policyTypes and no egress: egress not isolated', objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: fromYB })], flow: 'x/a -> z/c 80/TCP', expected: 'allowed' },
  { description: 'absent policyTypes, no rules at all: deny all ingress', objects: [...BASE, netpol('x', 'p', { podSelector: a })], flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'absent policyTypes, no rules at all: egress still open', objects: [...BASE, netpol('x', 'p', { podSelector: a })], flow: 'x/a -> x/b 80/TCP', expected: 'allowed' },

  // `egress: []` never makes an egress policy.
  { description: 'absent policyTypes and egress: [] is not deny-all-egress', objects: [...BASE, netpol('x', 'p', { podSelector: a, egress: [] })], flow: 'x/a -> y/b 80/TCP', expected: 'allowed' },
  { description: 'absent policyTypes and egress: [] still isolates ingress', objects: [...BASE, netpol('x', 'p', { podSelector: a, egress: [] })], flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'empty policyTypes and egress: [] is not deny-all-egress', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: [], egress: [] })], flow: 'x/a -> y/b 80/TCP', expected: 'allowed' },

  // Absent policyTypes with egress rules: Ingress AND Egress (an egress-only author often forgets ingress is isolated too).
  { description: 'absent policyTypes with egress rules isolates egress', objects: [...BASE, netpol('x', 'p', { podSelector: a, egress: toYB })], flow: 'x/a -> z/b 80/TCP', expected: 'denied' },
  { description: 'absent policyTypes with egress rules allows the egress peer', objects: [...BASE, netpol('x', 'p', { podSelector: a, egress: toYB })], flow: 'x/a -> y/b 80/TCP', expected: 'allowed' },
  { description: 'absent policyTypes with egress rules also isolates ingress, with no ingress rule', objects: [...BASE, netpol('x', 'p', { podSelector: a, egress: toYB })], flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'empty policyTypes with egress rules also isolates ingress', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: [], egress: toYB })], flow: 'y/b -> x/a 80/TCP', expected: 'denied' },

  // Only listed directions take effect; rules of the other direction are ignored.
  { description: 'policyTypes [Egress]: ingress rules ignored, ingress not isolated', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], ingress: fromYB })], flow: 'z/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'policyTypes [Egress] with no egress rules: deny all egress', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], ingress: fromYB })], flow: 'x/a -> y/b 80/TCP', expected: 'denied' },
  { description: 'policyTypes [Ingress]: egress rules ignored, egress not isolated', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress'], egress: toYB })], flow: 'x/a -> z/c 80/TCP', expected: 'allowed' },
  { description: 'policyTypes [Ingress, Egress] with no rules: deny ingress', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress', 'Egress'] })], flow: 'x/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'policyTypes [Ingress, Egress] with no rules: deny egress', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress', 'Egress'] })], flow: 'x/a -> x/b 80/TCP', expected: 'denied' },
  { description: 'policyTypes [Ingress, Egress] with egress rules: allowed egress peer', objects: [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress', 'Egress'], egress: toYB })], flow: 'x/a -> y/b 80/TCP', expected: 'allowed' },
];

describe('engine: policyTypes defaulting', () => runCases(cases));
