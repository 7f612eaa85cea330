// Which target capabilities a scenario uses, from its flows and the policies it applies.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { requiredCapabilities } from '../../src/harness/capabilities.js';
import { buildTopology } from '../../src/model/build-topology.js';
import type { Flow } from '../../src/model/verdicts.js';
import type { KubeObject, NetworkPolicyPort } from '../../src/model/api.js';
import { netpol, ns, pod } from '../engine/cases.js';

const topology = buildTopology([ns('x'), pod('x', 'a', {}, [], '10.244.1.1'), pod('x', 'b', {}, [], '10.244.1.2')], [{ name: 'backup', ip: '192.168.5.10', ports: [] }]);
const tcp: Flow = { from: 'x/a', to: 'x/b', port: 80, protocol: 'TCP' };
const caps = (objects: readonly KubeObject[], flows: readonly Flow[]) => [...new Set(requiredCapabilities(objects, topology, flows).map((n) => n.capability))].sort();
const withPorts = (...ports: NetworkPolicyPort[]) => [netpol('x', 'p', { ingress: [{ ports }] })];

describe('requiredCapabilities', () => {
  it('plain TCP between pods with plain policies needs nothing', () => {
    expect(requiredCapabilities([netpol('x', 'p', { ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80 }] }] })], topology, [tcp])).to.deep.equal([]);
  });

  it('UDP and SCTP flows need udp / sctp, with the port in the reason', () => {
    const needs = requiredCapabilities([], topology, [{ ...tcp, protocol: 'UDP', port: 53 }, { ...tcp, protocol: 'SCTP' }]);
    expect(needs).to.deep.equal([
      { capability: 'udp', why: 'probes 53/UDP' },
      { capability: 'sctp', why: 'probes 80/SCTP' },
    ]);
  });

  it('a flow from or to an external host needs external, naming it', () => {
    expect(requiredCapabilities([], topology, [{ ...tcp, from: 'backup' }])).to.deep.equal([{ capability: 'external', why: 'probes external host backup' }]);
    expect(caps([], [{ ...tcp, to: 'backup' }])).to.deep.equal(['external']);
  });

  it('endPort and named ports in a policy, on ingress or egress', () => {
    expect(caps(withPorts({ port: 80, endPort: 90 }), [])).to.deep.equal(['endport']);
    expect(caps(withPorts({ port: 'http' }), [])).to.deep.equal(['named-port']);
    expect(caps([netpol('x', 'p', { policyTypes: ['Egress'], egress: [{ ports: [{ port: 'dns', protocol: 'UDP' }] }] })], [])).to.deep.equal(['named-port']);
    expect(requiredCapabilities(withPorts({ port: 'http' }), topology, [])[0]?.why).to.equal('applies x/p, which uses named port http');
  });

  it('a string port is a name, even when it is all digits (as the API reads an IntOrString)', () => {
    expect(caps(withPorts({ port: '80' }), [])).to.deep.equal(['named-port']);
  });

  it('an ipBlock containing a pod address needs ipblock-pod-ip; one that contains none does not', () => {
    const block = (cidr: string) => [netpol('x', 'p', { ingress: [{ from: [{ ipBlock: { cidr } }] }] })];
    expect(caps(block('10.244.0.0/16'), [])).to.deep.equal(['ipblock-pod-ip']);
    expect(requiredCapabilities(block('10.244.1.2/32'), topology, [])[0]?.why).to.equal('applies x/p, whose ipBlock 10.244.1.2/32 contains pod addresses');
    expect(requiredCapabilities(block('10.244.1.2/32'), topology, [])[0]?.or, 'either choice of the implementation-defined rule').to.equal('no-ipblock-pod-ip');
    expect(caps(block('192.168.5.0/24'), [])).to.deep.equal([]);
  });

  it('a flow over IPv6 needs ipv6: to an IPv6 host by default, or between pods when it says so', () => {
    const v6 = buildTopology([ns('x'), pod('x', 'a', {}, [], '10.244.1.1'), pod('x', 'b', {}, [], '10.244.1.2')], [{ name: 'v6', ip: '2001:db8::5', ports: [] }]);
    const needs = (flows: readonly Flow[]) => requiredCapabilities([], v6, flows).map((n) => `${n.capability}: ${n.why}`);
    expect(needs([{ ...tcp, to: 'v6' }])).to.include('ipv6: probes x/a -> v6 over IPv6');
    expect(needs([{ ...tcp, family: 6 }])).to.deep.equal(['ipv6: probes x/a -> x/b over IPv6']);
    expect(needs([tcp])).to.deep.equal([]);
  });

  it('an IPv6 ipBlock holding pods’ IPv6 addresses needs ipblock-pod-ip once pods talk over IPv6', () => {
    const policy = [netpol('x', 'p', { ingress: [{ from: [{ ipBlock: { cidr: 'fd00:10:244::/64' } }] }] })];
    expect(caps(policy, [tcp])).to.deep.equal([]);
    expect(caps(policy, [{ ...tcp, family: 6 }])).to.deep.equal(['ipblock-pod-ip', 'ipv6']);
  });

  it('ignores objects that are not policies', () => {
    expect(caps([ns('x'), pod('x', 'a', {})], [tcp])).to.deep.equal([]);
  });
});
