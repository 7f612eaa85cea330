// Explanations with cluster-scoped policies: each end through the Admin, NetworkPolicy and
// Baseline tiers, every rule tried with why it did or did not match, and the tier's conclusion.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { formatExplanation } from '../../src/report/explanation.js';
import { describeTierPeer, describeTierPort } from '../../src/report/tier-explanation.js';
import { BASE, engineFor, flow, netpol } from '../engine/cases.js';
import { anp, banp, cnp, inNamespace } from '../engine/tier-cases.js';

describe('tier explanations', () => {
  const admin = cnp('deny-y', 'Admin', 3, inNamespace('x'), {
    ingress: [
      { name: 'accept-dns', action: 'Accept', from: [{ namespaces: {} }], protocols: [{ udp: { destinationPort: { number: 53 } } }] },
      { name: 'deny-from-y', action: 'Deny', from: [inNamespace('y')] },
    ],
  });
  const pass = cnp('pass-z', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Pass', from: [inNamespace('z')] }] });
  const baseline = cnp('baseline', 'Baseline', 2, { namespaces: {} }, { ingress: [{ name: 'deny-rest', action: 'Deny', from: [{ namespaces: {} }] }] });
  const np = netpol('x', 'allow-z', { podSelector: { matchLabels: { pod: 'b' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'z' } } }] }] });
  const cluster = [admin, pass, baseline];
  const engine = engineFor([...BASE, ...cluster, np]);

  it('an Admin decision ends the direction, with the rules tried before it', () => {
    expect(formatExplanation(engine.verdict(flow('y/a -> x/a 80/TCP')), [np], cluster)).to.equal(
      [
        'y/a -> x/a on 80/TCP: DENIED',
        '',
        'Egress from y/a:',
        '  Admin tier: no Admin policy selects it with egress rules.',
        '  NetworkPolicy tier: no NetworkPolicy selects it with Egress in its policyTypes, so it has no say.',
        '  Baseline tier: no Baseline policy selects it with egress rules.',
        '  => egress allowed: no tier decided, and what no policy decides is allowed.',
        'Ingress to x/a:',
        "  Admin tier: policy deny-y (priority 3), rule #2 'deny-from-y' matched: Deny.",
        '    - policy pass-z (priority 1), rule #1 (Pass): does not match: the source is not among pods in namespaces matching kubernetes.io/metadata.name=z',
        "    - policy deny-y (priority 3), rule #1 'accept-dns' (Accept): does not match: the source is among pods in all namespaces, but the port is not among 53/UDP",
        "    - policy deny-y (priority 3), rule #2 'deny-from-y' (Deny): matches: the source is among pods in namespaces matching kubernetes.io/metadata.name=y, on any port",
        '  => ingress denied by the Admin tier; no NetworkPolicy or Baseline rule is consulted.',
        '',
        'A connection needs egress allowed at its source AND ingress allowed at its destination.',
        '',
      ].join('\n'),
    );
  });

  it('a Pass hands over to the NetworkPolicy tier, which decides for the pod it isolates', () => {
    const text = formatExplanation(engine.verdict(flow('z/a -> x/b 80/TCP')), [np], cluster);
    expect(text).to.contain("  Admin tier: policy pass-z (priority 1), rule #1 matched: Pass, so the NetworkPolicy tier decides.\n");
    expect(text).to.contain('  NetworkPolicy tier: isolated by x/allow-z.');
    expect(text).to.contain('  => ingress allowed by the NetworkPolicy tier; the Baseline tier is not consulted.');
  });

  it('without a NetworkPolicy, a Pass ends in the Baseline tier', () => {
    const text = formatExplanation(engine.verdict(flow('z/a -> x/a 80/TCP')), [np], cluster);
    expect(text).to.contain("  Baseline tier: policy baseline (priority 2), rule #1 'deny-rest' matched: Deny.\n");
    expect(text).to.contain('  => ingress denied by the Baseline tier.');
  });

  it('names v1alpha1 kinds and carries warnings', () => {
    const a = anp('a', 5, inNamespace('x'), { ingress: [{ action: 'Allow', from: [inNamespace('y')] }] });
    const b = anp('b', 5, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] });
    const d = banp(inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('z')] }] });
    const text = formatExplanation(engineFor([...BASE, a, b, d]).verdict(flow('y/a -> x/a 80/TCP')), [], [a, b, d]);
    expect(text).to.contain('  Admin tier: AdminNetworkPolicy a (priority 5), rule #1 matched: Allow.');
    expect(text).to.contain('Warning: AdminNetworkPolicy/a and AdminNetworkPolicy/b share priority 5 in the Admin tier');
    const z = formatExplanation(engineFor([...BASE, d]).verdict(flow('z/a -> x/a 80/TCP')), [], [d]);
    expect(z).to.contain('  Baseline tier: BaselineAdminNetworkPolicy default, rule #1 matched: Deny.');
  });

  it('describes every kind of peer and port', () => {
    expect(describeTierPeer({ pods: { namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: {} } })).to.equal('all pods in namespaces matching env=prod');
    expect(describeTierPeer({ networks: ['10.0.0.0/8', 'fd00::/8'] })).to.equal('addresses in 10.0.0.0/8, fd00::/8');
    expect(describeTierPeer({ nodes: {} })).to.equal('nodes matching <all> (not modelled: matches nothing here)');
    expect(describeTierPeer({})).to.contain('fails closed');
    expect(describeTierPort({ kind: 'range', protocol: 'TCP', from: 80, to: 80 })).to.equal('80/TCP');
    expect(describeTierPort({ kind: 'range', protocol: 'UDP', from: 5000, to: 5100 })).to.equal('5000-5100/UDP');
    expect(describeTierPort({ kind: 'named', name: 'http' })).to.equal('named port "http"');
    expect(describeTierPort({ kind: 'protocol', protocol: 'SCTP' })).to.equal('any SCTP port');
  });
});
