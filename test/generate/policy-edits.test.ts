// The edits a shrink makes to one policy: each drops exactly what it names, on a copy, and a list
// or matchLabels left empty goes with it (absent and empty mean the same there).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { NetworkPolicy } from '../../src/model/api.js';
import { policyEdits, withoutPath } from '../../src/generate/policy-edits.js';

const policy: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { namespace: 'x', name: 'p' },
  spec: {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 80, endPort: 81, protocol: 'TCP' }] }],
  },
};

describe('policy edits', () => {
  it('lists every way to make the policy smaller, coarse ones first', () => {
    expect([...policyEdits(policy)].map((e) => e.what)).to.deep.equal([
      'drop ingress[0]',
      'drop ingress[0].from[1]',
      'drop ingress[0].from[0]',
      'drop ingress[0].ports[0]',
      'ingress[0].from[0]: drop namespaceSelector',
      'ingress[0].from[0]: drop podSelector',
      'ingress[0].from[0] podSelector: drop tier Exists',
      'ingress[0].from[1]: drop except 10.1.0.0/16',
      'ingress[0].ports[0]: drop endPort',
      'ingress[0].ports[0]: drop protocol',
      'podSelector: drop matchLabels app',
      'drop policyTypes',
      'drop policyTypes Egress',
      'drop policyTypes Ingress',
    ]);
  });

  it('drops what an edit names on a copy; emptied lists and matchLabels go too', () => {
    const before = JSON.stringify(policy);
    const edits = new Map([...policyEdits(policy)].map((e) => [e.what, withoutPath(policy, e.path)]));
    expect(JSON.stringify(policy)).to.equal(before);
    expect(edits.get('drop ingress[0]')?.spec.ingress, 'the last rule takes the list with it').to.equal(undefined);
    expect(edits.get('drop ingress[0].from[1]')?.spec.ingress?.[0]?.from).to.have.length(1);
    expect(edits.get('ingress[0].from[1]: drop except 10.1.0.0/16')?.spec.ingress?.[0]?.from?.[1]).to.deep.equal({ ipBlock: { cidr: '10.0.0.0/8' } });
    expect(edits.get('ingress[0].from[0] podSelector: drop tier Exists')?.spec.ingress?.[0]?.from?.[0]?.podSelector).to.deep.equal({});
    expect(edits.get('podSelector: drop matchLabels app')?.spec.podSelector).to.deep.equal({});
    expect(edits.get('ingress[0].ports[0]: drop endPort')?.spec.ingress?.[0]?.ports).to.deep.equal([{ port: 80, protocol: 'TCP' }]);
    expect(edits.get('drop policyTypes Egress')?.spec.policyTypes).to.deep.equal(['Ingress']);
    expect(edits.get('drop policyTypes')?.spec).to.not.have.property('policyTypes');
  });
});
