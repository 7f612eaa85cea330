// The netns target's deliberate dataplane bugs, without root: each fault changes the compiled
// ruleset in exactly the way its description says, and nothing else. (test/fuzz/faults.test.ts
// shows that `fuzz` finds each of them with real packets.)
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { NetworkPolicySpec } from '../../src/model/api.js';
import type { PodSpec, Topology } from '../../src/model/topology.js';
import { NETNS_FAULT_NAMES, type NetnsFault } from '../../src/targets/netns/faults.js';
import { directionRules, renderPodRuleset, type CompileOptions } from '../../src/targets/netns/nft-compiler.js';
import { netpol } from './support.js';

/** x/a serves `http` on 80, x/b serves `http` on 8080; an external host at 192.168.5.10. */
const TOPOLOGY: Topology = {
  namespaces: [{ name: 'x', labels: { 'kubernetes.io/metadata.name': 'x' } }],
  pods: [
    { namespace: 'x', name: 'a', labels: { app: 'web' }, ip: '10.244.1.1', ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
    { namespace: 'x', name: 'b', labels: { app: 'api' }, ip: '10.244.1.2', ports: [{ port: 8080, protocol: 'TCP', name: 'http' }] },
  ],
  externals: [{ name: 'backup', ip: '192.168.5.10', ports: [] }],
};
const XA = TOPOLOGY.pods[0] as PodSpec;
const SPEC: CompileOptions = { ipBlockMatchesPodIps: true, denyAction: 'reject' };

function accepts(spec: NetworkPolicySpec, direction: 'ingress' | 'egress', options: CompileOptions): string[] {
  return directionRules({ topology: TOPOLOGY, policies: [netpol('x', 'p', spec)] }, XA, direction, options).accepts.map((r) => r.replace(/ ?accept comment ".*"$/, '') || '(anything)');
}

/** The accept rules with and without the fault. */
function both(fault: NetnsFault, spec: NetworkPolicySpec, direction: 'ingress' | 'egress', base = SPEC): { spec: string[]; faulty: string[] } {
  return { spec: accepts(spec, direction, base), faulty: accepts(spec, direction, { ...base, fault }) };
}

describe('netns faults', () => {
  it('except-ignored: the block matches without its excepts', () => {
    const r = both('except-ignored', { egress: [{ to: [{ ipBlock: { cidr: '192.168.5.0/24', except: ['192.168.5.10/32'] } }] }] }, 'egress');
    expect(r.spec).to.deep.equal(['ip daddr 192.168.5.0/24 ip daddr != 192.168.5.10']);
    expect(r.faulty).to.deep.equal(['ip daddr 192.168.5.0/24']);
  });

  it('endport-ignored: a range matches its first port only', () => {
    const r = both('endport-ignored', { ingress: [{ ports: [{ port: 80, endPort: 81 }] }] }, 'ingress');
    expect(r.spec).to.deep.equal(['meta l4proto tcp th dport 80-81']);
    expect(r.faulty).to.deep.equal(['meta l4proto tcp th dport 80']);
  });

  it('named-port-on-source: ingress resolves the name on each source pod, egress on the pod itself', () => {
    const ingress = both('named-port-on-source', { ingress: [{ ports: [{ port: 'http' }] }] }, 'ingress');
    expect(ingress.spec).to.deep.equal(['meta l4proto tcp th dport 80']);
    expect(ingress.faulty).to.deep.equal(['ip saddr 10.244.1.1 meta l4proto tcp th dport 80', 'ip saddr 10.244.1.2 meta l4proto tcp th dport 8080']);
    const egress = both('named-port-on-source', { egress: [{ ports: [{ port: 'http' }] }] }, 'egress');
    expect(egress.spec).to.deep.equal(['ip daddr 10.244.1.1 meta l4proto tcp th dport 80', 'ip daddr 10.244.1.2 meta l4proto tcp th dport 8080']);
    expect(egress.faulty).to.deep.equal(['meta l4proto tcp th dport 80']);
  });

  it('egress-as-ingress: an egress-only policy isolates for ingress too', () => {
    const spec: NetworkPolicySpec = { policyTypes: ['Egress'], egress: [{}] };
    const state = { topology: TOPOLOGY, policies: [netpol('x', 'p', spec)] };
    expect(directionRules(state, XA, 'ingress', SPEC).isolatedBy).to.deep.equal([]);
    expect(directionRules(state, XA, 'ingress', { ...SPEC, fault: 'egress-as-ingress' })).to.deep.equal({ isolatedBy: ['x/p'], accepts: [] });
    expect(directionRules(state, XA, 'egress', { ...SPEC, fault: 'egress-as-ingress' }).isolatedBy).to.deep.equal(['x/p']);
  });

  it('ipblock-pod-ips: pod addresses are not carved out although the target is told so', () => {
    const told = { ...SPEC, ipBlockMatchesPodIps: false };
    const r = both('ipblock-pod-ips', { ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }] }, 'ingress', told);
    expect(r.spec).to.deep.equal(['ip saddr 10.244.0.0/16 ip saddr != { 10.244.1.1, 10.244.1.2 }']);
    expect(r.faulty).to.deep.equal(['ip saddr 10.244.0.0/16']);
  });

  it('no-replies: the chains lose the established/related accept, nothing else', () => {
    const state = { topology: TOPOLOGY, policies: [netpol('x', 'p', { podSelector: {} })] };
    const spec = renderPodRuleset(state, XA, SPEC);
    const faulty = renderPodRuleset(state, XA, { ...SPEC, fault: 'no-replies' });
    expect(spec).to.include('ct state established,related accept');
    expect(faulty).not.to.include('ct state');
    expect(faulty).to.equal(spec.replace(/\n *ct state established,related accept/g, ''));
  });

  it('every fault leaves a ruleset without the rule it breaks unchanged', () => {
    // A policy with no ipBlock, named port, range or egress-only type: only no-replies shows.
    const state = { topology: TOPOLOGY, policies: [netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80 }] }] })] };
    const spec = renderPodRuleset(state, XA, SPEC);
    const changed = NETNS_FAULT_NAMES.filter((fault) => renderPodRuleset(state, XA, { ...SPEC, fault }) !== spec);
    expect(changed).to.deep.equal(['no-replies']);
  });
});
