// The validator against every NetworkPolicy case (network-policy-cases.ts).
import { describe, it } from 'node:test';
import { checkCase } from './cases.js';
import { NETWORK_POLICY_CASES } from './network-policy-cases.js';

describe('NetworkPolicy validation', () => {
  for (const [group, cases] of Object.entries(NETWORK_POLICY_CASES)) {
    describe(group, () => {
      for (const c of cases) it(`${c.rejected ? 'rejects' : 'accepts'} ${c.description}`, () => checkCase(c));
    });
  }
});
