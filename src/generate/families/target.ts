// Target selectors: which pods a policy applies to. One base policy (x/a may receive 80/TCP from
// b and c pods of x and y, and send 80/TCP to a and b pods of y and z, as Cyclonus's base policy),
// its namespace and podSelector varied over every form: empty, absent, matchLabels, each
// matchExpressions operator, on a key every pod has and on one no pod has, and combinations.
import type { LabelSelector, NetworkPolicySpec } from '../../model/api.js';
import { networkPolicy, nsIn, podIn, podLabel, singleStep, type GeneratedCase } from '../case.js';
import { describeSelector, type Family } from './family.js';

function baseSpec(podSelector: LabelSelector | undefined): NetworkPolicySpec {
  return {
    ...(podSelector !== undefined ? { podSelector } : {}),
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ podSelector: podIn('b', 'c'), namespaceSelector: nsIn('x', 'y') }], ports: [{ port: 80, protocol: 'TCP' }] }],
    egress: [{ to: [{ podSelector: podIn('a', 'b'), namespaceSelector: nsIn('y', 'z') }], ports: [{ port: 80, protocol: 'TCP' }] }],
  };
}

const SELECTORS: { selector: LabelSelector | undefined; why: string }[] = [
  { selector: {}, why: 'the empty selector selects every pod of the namespace' },
  { selector: undefined, why: 'an absent podSelector is the empty selector' },
  { selector: podLabel('a'), why: 'matchLabels selects the pods carrying the label' },
  { selector: podLabel('d'), why: 'a selector that matches no pod isolates nothing' },
  { selector: podIn('a', 'b'), why: 'In selects pods whose value is listed' },
  { selector: { matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['a'] }] }, why: 'NotIn selects pods whose value is not listed' },
  { selector: { matchExpressions: [{ key: 'other', operator: 'NotIn', values: ['a'] }] }, why: 'NotIn also selects pods that lack the key' },
  { selector: { matchExpressions: [{ key: 'pod', operator: 'Exists' }] }, why: 'Exists selects every pod with the key' },
  { selector: { matchExpressions: [{ key: 'other', operator: 'Exists' }] }, why: 'Exists on a key no pod has selects nothing' },
  { selector: { matchExpressions: [{ key: 'pod', operator: 'DoesNotExist' }] }, why: 'DoesNotExist on a key every pod has selects nothing' },
  { selector: { matchExpressions: [{ key: 'other', operator: 'DoesNotExist' }] }, why: 'DoesNotExist on a key no pod has selects every pod' },
  { selector: { matchLabels: { pod: 'a' }, matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['b'] }] }, why: 'matchLabels and matchExpressions are ANDed' },
  { selector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'b'] }, { key: 'pod', operator: 'NotIn', values: ['b'] }] }, why: 'the requirements of matchExpressions are ANDed' },
  { selector: { matchLabels: { pod: 'a', other: 'x' } }, why: 'every key of matchLabels must match' },
];

export const targetFamily: Family = {
  name: 'target',
  summary: 'target selectors: the policy namespace, and podSelector empty, absent, by label, by every matchExpressions operator, combined',
  cases() {
    const cases: GeneratedCase[] = [];
    for (const ns of ['x', 'y', 'z']) {
      cases.push(singleStep(`target namespace ${ns}`, `The base policy in namespace ${ns} selects pod a of ${ns} only.`, ['@ingress', '@egress'], [networkPolicy(ns, 'base', baseSpec(podLabel('a')))]));
    }
    for (const { selector, why } of SELECTORS) {
      const name = selector === undefined ? 'target podSelector absent' : `target podSelector ${describeSelector(selector)}`;
      cases.push(singleStep(name, `The base policy in x: ${why}.`, ['@ingress', '@egress'], [networkPolicy('x', 'base', baseSpec(selector))]));
    }
    return cases;
  },
};
