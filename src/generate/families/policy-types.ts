// policyTypes and the rule lists together: every policyTypes form (absent, empty, Ingress, Egress,
// both) with every form of the ingress and egress lists (absent, empty, one rule allowing all, one
// rule allowing pod b of the namespace). The defaulting (Ingress always, Egress iff egress rules
// exist) and "a direction not listed ignores its rules" show in these 80 cases.
import type { NetworkPolicySpec, PolicyType } from '../../model/api.js';
import { networkPolicy, podLabel, singleStep, type GeneratedCase } from '../case.js';
import type { Family } from './family.js';
import { rulesOf, type NetworkPolicyRule } from './rules.js';

const TYPES: { types: PolicyType[] | undefined; text: string }[] = [
  { types: undefined, text: 'policyTypes absent' },
  { types: [], text: 'policyTypes []' },
  { types: ['Ingress'], text: 'policyTypes [Ingress]' },
  { types: ['Egress'], text: 'policyTypes [Egress]' },
  { types: ['Ingress', 'Egress'], text: 'policyTypes [Ingress, Egress]' },
];

const LISTS: { rules: NetworkPolicyRule[] | undefined; text: string }[] = [
  { rules: undefined, text: 'absent' },
  { rules: [], text: '[]' },
  { rules: [{}], text: 'allow all' },
  { rules: [{ peers: [{ podSelector: podLabel('b') }] }], text: 'pod b' },
];

export const policyTypesFamily: Family = {
  name: 'policy-types',
  summary: 'policyTypes (absent, empty, Ingress, Egress, both) with every form of the ingress and egress lists',
  cases() {
    const cases: GeneratedCase[] = [];
    for (const { types, text } of TYPES) {
      for (const ingress of LISTS) {
        for (const egress of LISTS) {
          const spec: NetworkPolicySpec = {
            podSelector: podLabel('a'),
            ...(types !== undefined ? { policyTypes: types } : {}),
            ...rulesOf('ingress', ingress.rules),
            ...rulesOf('egress', egress.rules),
          };
          const name = `${text}, ingress ${ingress.text}, egress ${egress.text}`;
          cases.push(singleStep(name, 'Which directions x/a is isolated in follows from policyTypes and, when it is absent or empty, from the egress list.', ['@ingress', '@egress'], [networkPolicy('x', 'types', spec)]));
        }
      }
    }
    return cases;
  },
};
