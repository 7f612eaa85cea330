// The explanation a learner reads: each end, its isolation, every rule with what matched.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { buildTopology } from '../../src/model/build-topology.js';
import { describePeer, formatExplanation } from '../../src/report/explanation.js';
import { whyPeerMisses } from '../../src/report/peer-reasons.js';
import { BASE, engineFor, EXTERNALS, flow, netpol } from '../engine/cases.js';

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
        '    - x/allow ingress rule #1: from entry #1 (all pods in namespaces matching ns=z) does not match y/b; no ports entry matches 80/TCP (#1 81/TCP, #2 80/UDP); does not allow it',
        '    - x/allow ingress rule #2: from entry #1 (pods matching pod=b in namespaces matching ns=y) matches y/b; ports entry #1 (80-90/TCP) matches; ALLOWS it',
        '    - x/allow ingress rule #3: any peer (no from); any port (no ports); ALLOWS it',
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
    expect(text).to.include('    - x/out egress rule #1: to entry #1 (addresses in 192.168.5.0/24 except 192.168.5.16/28) does not match laptop; no ports entry matches 80/TCP (#1 named port "http"/TCP); does not allow it');
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

describe('why a peer does not match (whyPeerMisses)', () => {
  const objects = BASE.filter((o) => o.kind !== 'NetworkPolicy');
  const topology = buildTopology(objects, EXTERNALS);
  const ctx = { topology, ipBlockMatchesPodIps: true };
  const table: [string, Parameters<typeof whyPeerMisses>[0], string, string][] = [
    ['a podSelector alone, other namespace', { podSelector: { matchLabels: { pod: 'a' } } }, 'y/a', "y/a is in namespace y, and a podSelector alone looks in the policy's namespace x"],
    ['a label with another value', { podSelector: { matchLabels: { pod: 'b' } } }, 'x/a', 'x/a has pod=a, not pod=b'],
    ['a label the pod lacks', { podSelector: { matchLabels: { tier: 'web' } } }, 'x/a', 'x/a lacks tier=web'],
    ['In with another value', { podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] } }, 'x/a', 'x/a has pod=a, not one of pod in (b,c)'],
    ['Exists on a missing key', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }, 'x/a', 'x/a lacks label tier'],
    ['DoesNotExist on a present key', { podSelector: { matchExpressions: [{ key: 'pod', operator: 'DoesNotExist' }] } }, 'x/a', 'x/a has label pod (!pod)'],
    ['the namespace half of a peer', { namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'a' } } }, 'x/a', 'x/a matches pod=a, but namespace x has ns=x, not ns=y'],
    ['the pod half of a peer', { namespaceSelector: { matchLabels: { ns: 'x' } }, podSelector: { matchLabels: { pod: 'b' } } }, 'x/a', 'namespace x matches ns=x, but x/a has pod=a, not pod=b'],
    ['both halves', { namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }, 'x/a', 'namespace x has ns=x, not ns=y, and x/a has pod=a, not pod=b'],
    ['a selector and an external host', { podSelector: {} }, 'backup', 'backup is an external host, and selectors match pods only'],
    ['an address outside the block', { ipBlock: { cidr: '10.0.0.0/8' } }, 'backup', "backup's address 192.168.5.10 is not in 10.0.0.0/8"],
    ['an address inside an except', { ipBlock: { cidr: '192.168.5.0/24', except: ['192.168.5.8/29'] } }, 'backup', "backup's address 192.168.5.10 is in except 192.168.5.8/29"],
    ['another address family', { ipBlock: { cidr: '192.168.0.0/16' } }, 'v6host', "v6host's address 2001:db8::10 is IPv6, 192.168.0.0/16 is IPv4"],
  ];
  for (const [name, peer, id, reason] of table) {
    it(name, () => {
      expect(whyPeerMisses(peer, 'x', id, ctx)).to.equal(reason);
    });
  }

  it('a pod and an ipBlock under --no-ipblock-pod-ips', () => {
    expect(whyPeerMisses({ ipBlock: { cidr: '0.0.0.0/0' } }, 'x', 'x/a', { ...ctx, ipBlockMatchesPodIps: false })).to.equal(
      'x/a is a pod, and ipBlock peers match no pod address here (--no-ipblock-pod-ips)',
    );
  });
});
