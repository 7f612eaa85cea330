// The tiered evaluation: Admin tier (by priority, then rule order), NetworkPolicy tier, Baseline
// tier, default allow; both API versions; networks peers on pod addresses; named ports on the
// destination pod; fail-closed empty peers; self traffic; same-priority warnings.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { CnpProtocol, EgressPeer } from '../../src/model/cluster-policy.js';
import { BASE, engineFor, flow, netpol, pod, runCases, SERVED, type EngineCase } from './cases.js';
import { ALL_NAMESPACES, anp, banp, cnp, inNamespace, podIn } from './tier-cases.js';

const denyYToX = cnp('deny-y', 'Admin', 3, inNamespace('x'), { ingress: [{ name: 'deny-from-y', action: 'Deny', from: [inNamespace('y')] }] });
const npAllowAllToX = netpol('x', 'allow-all', { podSelector: {}, ingress: [{}] });
const npDenyAllToX = netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });
const npDenyAllFromY = netpol('y', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const baselineDenyToX = cnp('baseline-deny', 'Baseline', 10, inNamespace('x'), { ingress: [{ action: 'Deny', from: [ALL_NAMESPACES] }] });

describe('tiers: which tier decides', () => {
  const cases: EngineCase[] = [
    { description: 'no policy at all: default allow', objects: BASE, flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
    { description: 'an Admin Deny', objects: [...BASE, denyYToX], flow: 'y/a -> x/a 80/TCP', expected: 'denied' },
    { description: 'an Admin Deny cannot be undone by a NetworkPolicy', objects: [...BASE, denyYToX, npAllowAllToX], flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
    { description: 'an Admin Deny does not touch other sources', objects: [...BASE, denyYToX], flow: 'z/a -> x/a 80/TCP', expected: 'allowed' },
    {
      description: 'an Admin Accept overrides a NetworkPolicy that isolates the pod',
      objects: [...BASE, npDenyAllToX, cnp('accept-y', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Accept', from: [inNamespace('y')] }] })],
      flow: 'y/a -> x/b 80/TCP',
      expected: 'allowed',
    },
    {
      description: 'an Admin egress Accept does not bypass ingress at the destination',
      objects: [...BASE, npDenyAllToX, cnp('accept-egress', 'Admin', 1, inNamespace('y'), { egress: [{ action: 'Accept', to: [inNamespace('x')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'denied',
    },
    {
      description: 'an Admin egress Accept overrides a NetworkPolicy at the source',
      objects: [...BASE, npDenyAllFromY, cnp('accept-egress', 'Admin', 1, inNamespace('y'), { egress: [{ action: 'Accept', to: [inNamespace('x')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'allowed',
    },
    {
      description: 'Pass hands the decision to a NetworkPolicy that isolates the pod',
      objects: [...BASE, npDenyAllToX, cnp('pass-y', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Pass', from: [inNamespace('y')] }] }), cnp('accept-y', 'Admin', 2, inNamespace('x'), { ingress: [{ action: 'Accept', from: [inNamespace('y')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'denied',
    },
    {
      description: 'Pass with no NetworkPolicy: the Baseline tier decides',
      objects: [...BASE, baselineDenyToX, cnp('pass-y', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Pass', from: [inNamespace('y')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'denied',
    },
    { description: 'a Baseline Deny applies when no NetworkPolicy isolates the pod', objects: [...BASE, baselineDenyToX], flow: 'z/c -> x/c 80/TCP', expected: 'denied' },
    {
      description: 'a NetworkPolicy that isolates the pod overrides every Baseline rule',
      objects: [...BASE, baselineDenyToX, netpol('x', 'allow-z', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'z' } } }] }] })],
      flow: 'z/c -> x/c 80/TCP',
      expected: 'allowed',
    },
    {
      description: 'a Baseline Accept cannot lift a NetworkPolicy deny',
      objects: [...BASE, npDenyAllToX, cnp('baseline-accept', 'Baseline', 1, inNamespace('x'), { ingress: [{ action: 'Accept', from: [inNamespace('y')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'denied',
    },
    {
      description: 'a Baseline Pass goes on to the default',
      objects: [...BASE, cnp('baseline-pass', 'Baseline', 1, inNamespace('x'), { ingress: [{ action: 'Pass', from: [inNamespace('y')] }] }), cnp('baseline-deny', 'Baseline', 2, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'allowed',
    },
    {
      description: 'lower priority values first',
      objects: [...BASE, cnp('deny', 'Admin', 5, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] }), cnp('accept', 'Admin', 4, inNamespace('x'), { ingress: [{ action: 'Accept', from: [inNamespace('y')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'allowed',
    },
    {
      description: 'rules in written order',
      objects: [...BASE, cnp('both', 'Admin', 5, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }, { action: 'Accept', from: [inNamespace('y')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'denied',
    },
    {
      description: 'a policy with only ingress rules does not affect egress',
      objects: [...BASE, cnp('deny-in', 'Admin', 1, inNamespace('y'), { ingress: [{ action: 'Deny', from: [inNamespace('x')] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'allowed',
    },
    {
      description: 'a subject by pods: namespaceSelector AND podSelector',
      objects: [...BASE, cnp('deny-a', 'Admin', 1, podIn('x', 'a'), { ingress: [{ action: 'Deny', from: [ALL_NAMESPACES] }] })],
      flow: 'y/a -> x/b 80/TCP',
      expected: 'allowed',
    },
  ];
  runCases(cases);
});

describe('tiers: peers and ports', () => {
  const denyEgressTo = (to: EgressPeer, protocols?: CnpProtocol[]) =>
    cnp('deny-out', 'Admin', 1, inNamespace('y'), { egress: [{ action: 'Deny', to: [to], ...(protocols ? { protocols } : {}) }] });
  const cases: EngineCase[] = [
    { description: 'networks match pod addresses', objects: [...BASE, denyEgressTo({ networks: ['10.1.0.0/24'] })], flow: 'y/a -> x/b 80/TCP', expected: 'denied' },
    { description: 'networks match external addresses', objects: [...BASE, denyEgressTo({ networks: ['192.168.5.0/24'] })], flow: 'y/a -> backup 80/TCP', expected: 'denied' },
    { description: 'networks of the other family match nothing', objects: [...BASE, denyEgressTo({ networks: ['::/0'] })], flow: 'y/a -> x/b 80/TCP', expected: 'allowed' },
    { description: 'namespaces never match an external host', objects: [...BASE, denyEgressTo({ namespaces: {} })], flow: 'y/a -> backup 80/TCP', expected: 'allowed' },
    { description: 'protocols: the port matches', objects: [...BASE, denyEgressTo({ namespaces: {} }, [{ tcp: { destinationPort: { number: 80 } } }])], flow: 'y/a -> x/b 80/TCP', expected: 'denied' },
    { description: 'protocols: another port', objects: [...BASE, denyEgressTo({ namespaces: {} }, [{ tcp: { destinationPort: { number: 80 } } }])], flow: 'y/a -> x/b 81/TCP', expected: 'allowed' },
    { description: 'protocols: another protocol', objects: [...BASE, denyEgressTo({ namespaces: {} }, [{ tcp: { destinationPort: { number: 80 } } }])], flow: 'y/a -> x/b 80/UDP', expected: 'allowed' },
    { description: 'protocols: a range is inclusive', objects: [...BASE, denyEgressTo({ namespaces: {} }, [{ udp: { destinationPort: { range: { start: 79, end: 81 } } } }])], flow: 'y/a -> x/b 81/UDP', expected: 'denied' },
    { description: 'destinationNamedPort resolves on the destination pod', objects: [...BASE, denyEgressTo({ namespaces: {} }, [{ destinationNamedPort: 'serve-81-udp' }])], flow: 'y/a -> x/b 81/UDP', expected: 'denied' },
    { description: 'destinationNamedPort: the name names another port', objects: [...BASE, denyEgressTo({ namespaces: {} }, [{ destinationNamedPort: 'serve-81-udp' }])], flow: 'y/a -> x/b 80/UDP', expected: 'allowed' },
    { description: 'destinationNamedPort never matches an external host', objects: [...BASE, denyEgressTo({ networks: ['0.0.0.0/0'] }, [{ destinationNamedPort: 'http' }])], flow: 'y/a -> backup 80/TCP', expected: 'allowed' },
    {
      description: 'ingress destinationNamedPort resolves on the selected pod',
      objects: [...BASE, cnp('deny-in', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Deny', from: [ALL_NAMESPACES], protocols: [{ destinationNamedPort: 'serve-80-sctp' }] }] })],
      flow: 'y/a -> x/b 80/SCTP',
      expected: 'denied',
    },
    { description: 'an empty peer fails closed in a Deny rule (matches everything)', objects: [...BASE, denyEgressTo({})], flow: 'y/a -> backup 80/TCP', expected: 'denied' },
    {
      description: 'an empty peer fails closed in an Accept rule (matches nothing)',
      objects: [...BASE, npDenyAllFromY, cnp('accept', 'Admin', 1, inNamespace('y'), { egress: [{ action: 'Accept', to: [{}] }] })],
      flow: 'y/a -> x/a 80/TCP',
      expected: 'denied',
    },
    {
      description: 'an external source is judged only at the pod',
      objects: [...BASE, cnp('deny-ext', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] })],
      flow: 'backup -> x/a 80/TCP',
      expected: 'allowed',
    },
    { description: 'self traffic is never judged', objects: [...BASE, denyEgressTo({ namespaces: {} })], flow: 'y/a -> y/a 80/TCP', expected: 'allowed' },
  ];
  runCases(cases);
});

describe('tiers: v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  const cases: EngineCase[] = [
    { description: 'ANP Deny', objects: [...BASE, npAllowAllToX, anp('deny-y', 3, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] })], flow: 'y/a -> x/a 80/TCP', expected: 'denied' },
    { description: 'ANP Allow overrides a NetworkPolicy', objects: [...BASE, npDenyAllToX, anp('allow-y', 3, inNamespace('x'), { ingress: [{ action: 'Allow', from: [inNamespace('y')] }] })], flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
    { description: 'ANP Pass then BANP Deny', objects: [...BASE, anp('pass', 3, inNamespace('x'), { ingress: [{ action: 'Pass', from: [inNamespace('y')] }] }), banp(inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] })], flow: 'y/a -> x/a 80/TCP', expected: 'denied' },
    { description: 'a NetworkPolicy overrides the BANP', objects: [...BASE, npAllowAllToX, banp(inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] })], flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
    { description: 'portNumber defaults to TCP', objects: [...BASE, anp('deny', 1, inNamespace('y'), { egress: [{ action: 'Deny', to: [inNamespace('x')], ports: [{ portNumber: { port: 80 } }] }] })], flow: 'y/a -> x/a 80/TCP', expected: 'denied' },
    { description: 'portNumber of another protocol', objects: [...BASE, anp('deny', 1, inNamespace('y'), { egress: [{ action: 'Deny', to: [inNamespace('x')], ports: [{ portNumber: { protocol: 'UDP', port: 80 } }] }] })], flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
    { description: 'portRange is inclusive', objects: [...BASE, anp('deny', 1, inNamespace('y'), { egress: [{ action: 'Deny', to: [inNamespace('x')], ports: [{ portRange: { start: 70, end: 80 } }] }] })], flow: 'y/a -> x/a 80/TCP', expected: 'denied' },
    { description: 'namedPort on the destination pod', objects: [...BASE, anp('deny', 1, inNamespace('y'), { egress: [{ action: 'Deny', to: [inNamespace('x')], ports: [{ namedPort: 'serve-81-tcp' }] }] })], flow: 'y/a -> x/a 81/TCP', expected: 'denied' },
    { description: 'BANP egress to networks', objects: [...BASE, banp(inNamespace('y'), { egress: [{ action: 'Deny', to: [{ networks: ['192.168.5.10/32'] }] }] })], flow: 'y/a -> backup 80/TCP', expected: 'denied' },
  ];
  runCases(cases);
});

describe('tiers: host-networked pods', () => {
  // A host-networked pod in x: never a subject, never a namespaces or pods peer; its node address
  // still falls in networks peers.
  const node = { ...pod('x', 'node-agent', { pod: 'agent' }, SERVED), spec: { containers: [{ name: 'main', ports: SERVED }], hostNetwork: true, nodeName: 'n1' }, status: { podIP: '172.18.0.2' } };
  const cases: EngineCase[] = [
    { description: 'a host-networked pod is not a subject', objects: [...BASE, node, denyYToX], flow: 'y/a -> x/node-agent 80/TCP', expected: 'allowed' },
    {
      description: 'a host-networked pod is not a namespaces peer',
      objects: [...BASE, node, cnp('deny-from-x', 'Admin', 1, inNamespace('y'), { ingress: [{ action: 'Deny', from: [inNamespace('x')] }] })],
      flow: 'x/node-agent -> y/a 80/TCP',
      expected: 'allowed',
    },
    { description: 'its address is in networks peers', objects: [...BASE, node, cnp('deny-nodes', 'Admin', 1, inNamespace('y'), { egress: [{ action: 'Deny', to: [{ networks: ['172.18.0.0/16'] }] }] })], flow: 'y/a -> x/node-agent 80/TCP', expected: 'denied' },
  ];
  runCases(cases);
});

describe('tiers: explanations and warnings', () => {
  it('names the tier, the policy with its priority and the rule', () => {
    const verdict = engineFor([...BASE, denyYToX]).verdict(flow('y/a -> x/a 80/TCP'));
    expect(verdict.ingress.decidedBy).to.equal('admin');
    expect(verdict.ingress.tierRule).to.deep.include({ policy: 'ClusterNetworkPolicy/deny-y', tier: 'Admin', priority: 3, rule: 0, ruleName: 'deny-from-y', action: 'Deny', peer: 0 });
    expect(verdict.egress.decidedBy).to.equal('default');
    expect(verdict.tierChecks).to.deep.equal([{ direction: 'ingress', policy: 'ClusterNetworkPolicy/deny-y', rule: 0, peer: 0, port: undefined }]);
  });

  it('records the Pass that handed over to the NetworkPolicy tier', () => {
    const pass = cnp('pass-y', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Pass', from: [inNamespace('y')] }] });
    const verdict = engineFor([...BASE, npDenyAllToX, pass]).verdict(flow('y/a -> x/a 80/TCP'));
    expect(verdict.ingress.decidedBy).to.equal('networkpolicy');
    expect(verdict.ingress.passedBy?.[0]?.policy).to.equal('ClusterNetworkPolicy/pass-y');
  });

  it('warns when same-priority policies of a tier disagree on a flow, and not when they agree', () => {
    const accept = cnp('a-accept', 'Admin', 5, inNamespace('x'), { ingress: [{ action: 'Accept', from: [inNamespace('y')] }] });
    const deny = cnp('b-deny', 'Admin', 5, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] });
    const engine = engineFor([...BASE, deny, accept]);
    const verdict = engine.verdict(flow('y/a -> x/a 80/TCP'));
    expect(verdict.allowed).to.equal(true); // the first by kind and name: a-accept
    expect(verdict.warnings).to.have.length(1);
    expect(verdict.warnings?.[0]).to.contain('ClusterNetworkPolicy/a-accept and ClusterNetworkPolicy/b-deny share priority 5');
    expect(engine.verdict(flow('z/a -> x/a 80/TCP')).warnings).to.equal(undefined);
    const twin = cnp('c-accept', 'Admin', 5, inNamespace('x'), { ingress: [{ action: 'Accept', from: [inNamespace('y')] }] });
    expect(engineFor([...BASE, accept, twin]).verdict(flow('y/a -> x/a 80/TCP')).warnings).to.equal(undefined);
  });

  it('warns that nodes and domainNames peers are not modelled', () => {
    const nodes = cnp('nodes', 'Admin', 1, inNamespace('x'), { egress: [{ action: 'Deny', to: [{ nodes: {} }] }] });
    const verdict = engineFor([...BASE, nodes]).verdict(flow('x/a -> backup 80/TCP'));
    expect(verdict.allowed).to.equal(true);
    expect(verdict.warnings?.[0]).to.contain('ClusterNetworkPolicy/nodes has nodes peers, which this engine does not model');
  });
});
