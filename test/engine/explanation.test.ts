// Every verdict carries its explanation: per direction, the pod consulted, whether it is isolated
// and by which policies, which policy/rule/peer/port allowed the flow, and a check per rule.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { InputError, UnknownEndpointError } from '../../src/model/errors.js';
import { BASE, engineFor, flow, netpol } from './cases.js';

const a = { matchLabels: { pod: 'a' } };
const yNs = { namespaceSelector: { matchLabels: { ns: 'y' } } };
const yb = { ...yNs, podSelector: { matchLabels: { pod: 'b' } } };

describe('engine: explanations', () => {
  it('a non-isolated flow: no isolating policies, no rules, no checks', () => {
    const v = engineFor(BASE).verdict(flow('x/a -> y/b 80/TCP'));
    expect(v).to.deep.equal({
      flow: flow('x/a -> y/b 80/TCP'),
      allowed: true,
      family: 4,
      reason: 'policies',
      egress: { direction: 'egress', pod: 'x/a', isolated: false, isolatingPolicies: [], allowed: true, allowedBy: [] },
      ingress: { direction: 'ingress', pod: 'y/b', isolated: false, isolatingPolicies: [], allowed: true, allowedBy: [] },
      checks: [],
      tierChecks: [],
    });
  });

  it('names the isolating policies, in order, and every rule that allowed, with peer and port indexes', () => {
    const engine = engineFor([
      ...BASE,
      netpol('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      netpol('x', 'allow', {
        podSelector: a,
        ingress: [
          { from: [{ podSelector: { matchLabels: { pod: 'c' } } }], ports: [{ port: 80 }] }, // rule 0: wrong peer
          { from: [{ ipBlock: { cidr: '192.168.0.0/16' } }, yb, yNs], ports: [{ port: 81 }, { port: 80 }] }, // rule 1: peer 1, port 1
          { from: [yNs] }, // rule 2: no ports
          { ports: [{ protocol: 'UDP' }] }, // rule 3: wrong protocol
        ],
      }),
    ]);
    const v = engine.verdict(flow('y/b -> x/a 80/TCP'));
    expect(v.allowed).to.equal(true);
    expect(v.ingress).to.deep.equal({
      direction: 'ingress',
      pod: 'x/a',
      isolated: true,
      isolatingPolicies: ['x/deny', 'x/allow'],
      allowed: true,
      allowedBy: [
        { policy: 'x/allow', rule: 1, peer: 1, port: 1 }, // the FIRST matching peer and port
        { policy: 'x/allow', rule: 2, peer: 0 }, // no ports: no port index
      ],
    });
    expect(v.checks).to.deep.equal([
      { policy: 'x/allow', rule: 0, port: 0, direction: 'ingress', peerMatched: false, portMatched: true },
      { policy: 'x/allow', rule: 1, peer: 1, port: 1, direction: 'ingress', peerMatched: true, portMatched: true },
      { policy: 'x/allow', rule: 2, peer: 0, direction: 'ingress', peerMatched: true, portMatched: true },
      { policy: 'x/allow', rule: 3, direction: 'ingress', peerMatched: true, portMatched: false },
    ]);
    expect(v.egress).to.deep.include({ pod: 'y/b', isolated: false, allowed: true });
  });

  it('a denied flow: isolated, no allowedBy, every rule checked with what failed', () => {
    const engine = engineFor([...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [yb], ports: [{ port: 81 }] }] })]);
    const v = engine.verdict(flow('y/c -> x/a 80/TCP'));
    expect(v.allowed).to.equal(false);
    expect(v.ingress).to.deep.equal({ direction: 'ingress', pod: 'x/a', isolated: true, isolatingPolicies: ['x/p'], allowed: false, allowedBy: [] });
    expect(v.checks).to.deep.equal([{ policy: 'x/p', rule: 0, direction: 'ingress', peerMatched: false, portMatched: false }]);
  });

  it('a policy without rules in the direction isolates but contributes no checks', () => {
    const engine = engineFor([...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress', 'Egress'], ingress: [{}] })]);
    const v = engine.verdict(flow('x/a -> x/b 80/TCP'));
    expect(v.egress).to.deep.equal({ direction: 'egress', pod: 'x/a', isolated: true, isolatingPolicies: ['x/p'], allowed: false, allowedBy: [] });
    expect(v.checks).to.deep.equal([]);
  });

  it('no from and no ports: the rule allows with neither a peer nor a port index', () => {
    const v = engineFor([...BASE, netpol('x', 'p', { podSelector: a, ingress: [{}] })]).verdict(flow('remote -> x/a 80/TCP'));
    expect(v.ingress.allowedBy).to.deep.equal([{ policy: 'x/p', rule: 0 }]);
    expect(v.checks).to.deep.equal([{ policy: 'x/p', rule: 0, direction: 'ingress', peerMatched: true, portMatched: true }]);
  });

  it('checks both directions, egress first', () => {
    const engine = engineFor([
      ...BASE,
      netpol('y', 'out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] }),
      netpol('x', 'in', { podSelector: a, ingress: [{ from: [yb] }] }),
    ]);
    const v = engine.verdict(flow('y/b -> x/a 80/TCP'));
    expect(v.allowed).to.equal(true);
    expect(v.checks.map((c) => `${c.direction} ${c.policy}#${c.rule}`)).to.deep.equal(['egress y/out#0', 'ingress x/in#0']);
    expect(v.egress.allowedBy).to.deep.equal([{ policy: 'y/out', rule: 0, peer: 0 }]);
    expect(v.ingress.allowedBy).to.deep.equal([{ policy: 'x/in', rule: 0, peer: 0 }]);
  });

  it('an external end is not checked: no pod, not isolated', () => {
    const engine = engineFor([...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'] })]);
    const v = engine.verdict(flow('x/a -> backup 80/TCP'));
    expect(v.allowed).to.equal(false);
    expect(v.ingress).to.deep.equal({ direction: 'ingress', isolated: false, isolatingPolicies: [], allowed: true, allowedBy: [] });
    expect(v.egress).to.deep.include({ pod: 'x/a', isolated: true, allowed: false });
  });

  it('self traffic: reason self, nothing checked', () => {
    const v = engineFor([...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Ingress', 'Egress'] })]).verdict(flow('x/a -> x/a 80/TCP'));
    expect(v.reason).to.equal('self');
    expect(v.allowed).to.equal(true);
    expect(v.checks).to.deep.equal([]);
    expect(v.egress.isolatingPolicies).to.deep.equal([]);
  });

  it('an unknown endpoint is an UnknownEndpointError naming it and the known ones', () => {
    const engine = engineFor(BASE);
    expect(() => engine.verdict(flow('x/a -> q/zz 80/TCP'))).to.throw(UnknownEndpointError, /unknown endpoint "q\/zz"; known endpoints: x\/a, x\/b/);
    expect(() => engine.isAllowed(flow('nobody -> x/a 80/TCP'))).to.throw(UnknownEndpointError, /"nobody"/);
  });
});

describe('engine: input errors', () => {
  it('an ipBlock that is not a CIDR is an InputError naming the policy', () => {
    const objects = [...BASE, netpol('x', 'bad', { podSelector: a, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0' } }] }] })];
    expect(() => engineFor(objects)).to.throw(InputError, 'NetworkPolicy x/bad: "10.0.0.0" is not a CIDR');
  });

  it('an except that is not a CIDR is an InputError', () => {
    const objects = [...BASE, netpol('x', 'bad', { podSelector: a, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/33'] } }] }] })];
    expect(() => engineFor(objects)).to.throw(InputError, /x\/bad: "10.1.0.0\/33"/);
  });
});
