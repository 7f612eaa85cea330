// The explanation a learner reads: each end, its isolation, every rule with what matched.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { describePeer, formatExplanation } from '../../src/report/explanation.js';
import { BASE, engineFor, flow, netpol } from '../engine/cases.js';

describe('describePeer', () => {
  const table: [Parameters<typeof describePeer>[0], string][] = [
    [{ podSelector: { matchLabels: { app: 'api' } } }, "pods matching app=api in namespace x (the policy's own)"],
    [{ podSelector: {} }, "pods matching <all> in namespace x (the policy's own)"],
    [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, 'all pods in namespaces matching env=prod'],
    [{ namespaceSelector: {} }, 'all pods in namespaces matching <all>'],
    [{ podSelector: { matchLabels: { app: 'api' } }, namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] } }, 'pods matching app=api in namespaces matching env notin (dev)'],
    [{ ipBlock: { cidr: '10.0.0.0/8' } }, 'addresses in 10.0.0.0/8'],
    [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } }, 'addresses in 10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16'],
    [{ ipBlock: { cidr: '10.0.0.0/8', except: [] } }, 'addresses in 10.0.0.0/8'],
  ];
  for (const [peer, text] of table) {
    it(text, () => {
      expect(describePeer(peer, 'x')).to.equal(text);
    });
  }
});

describe('formatExplanation', () => {
  const a = { matchLabels: { pod: 'a' } };
  const policies = [
    netpol('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
    netpol('x', 'allow', {
      podSelector: a,
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { ns: 'z' } } }], ports: [{ port: 81 }, { protocol: 'UDP', port: 80 }] },
        { from: [{ namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }], ports: [{ port: 80, endPort: 90 }] },
        {},
      ],
    }),
  ];
  const engine = engineFor([...BASE, ...policies]);

  it('an allowed flow: both ends, every rule, the conclusion', () => {
    const text = formatExplanation(engine.verdict(flow('y/b -> x/a 80/TCP')), policies);
    expect(text).to.equal(
      [
        'y/b -> x/a on 80/TCP: ALLOWED',
        '',
        'Egress from y/b: not isolated. No NetworkPolicy selects it with Egress in its policyTypes, so all egress is allowed.',
        'Ingress to x/a: isolated by x/deny, x/allow. It allows only what some ingress rule of these policies allows.',
        '    - x/deny has no ingress rules (policyTypes Ingress): it only isolates.',
        '    - x/allow ingress rule 0: no peer matches (all pods in namespaces matching ns=z); no port matches (81/TCP, 80/UDP); does not allow it',
        '    - x/allow ingress rule 1: peer 0 matches: pods matching pod=b in namespaces matching ns=y; port 0 matches: 80-90/TCP; ALLOWS it',
        '    - x/allow ingress rule 2: any peer (no from/to); any port (no ports); ALLOWS it',
        '  => ingress allowed.',
        '',
        'Both ends allow it, so the connection is allowed; its replies need no rule of their own.',
        '',
      ].join('\n'),
    );
  });

  it('a denied flow ends with what a connection needs', () => {
    const deny = [netpol('x', 'out', { podSelector: a, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.5.0/24', except: ['192.168.5.16/28'] } }], ports: [{ port: 'http' }] }] })];
    const text = formatExplanation(engineFor([...BASE, ...deny]).verdict(flow('x/a -> laptop 80/TCP')), deny);
    expect(text).to.include('Egress from x/a: isolated by x/out.');
    expect(text).to.include('    - x/out egress rule 0: no peer matches (addresses in 192.168.5.0/24 except 192.168.5.16/28); no port matches (named port "http"/TCP); does not allow it');
    expect(text).to.include('  => egress denied: no rule allows it.');
    expect(text).to.include('Ingress to laptop: an external host; NetworkPolicy does not apply to it.');
    expect(text.trimEnd().split('\n').at(-1)).to.equal('A connection needs egress allowed at its source AND ingress allowed at its destination.');
  });

  it('self traffic: one sentence', () => {
    expect(formatExplanation(engine.verdict(flow('x/a -> x/a 80/TCP')), policies)).to.equal(
      "x/a -> x/a on 80/TCP: ALLOWED\nA pod's traffic to itself is always allowed: a pod cannot block itself.\n",
    );
  });
});
