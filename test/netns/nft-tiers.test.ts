// The netns compiler's Admin and Baseline tiers, without root: the chain layout (Admin in the hook
// chain, then NetworkPolicy, Baseline, deny), rule order by priority then written order, each
// action's verdict, networks over pod addresses, named ports on the destination, fail-closed peers.
// Real packets (differential.test.ts, the features on netns) show the kernel agrees with the engine.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { ClusterPolicy } from '../../src/model/cluster-policy.js';
import type { NetworkPolicy } from '../../src/model/api.js';
import type { PodSpec, Topology } from '../../src/model/topology.js';
import { renderPodRuleset, type CompileOptions } from '../../src/targets/netns/nft-compiler.js';
import { tierLines } from '../../src/targets/netns/nft-tiers.js';
import { anp, banp, cnp, inNamespace } from '../engine/tier-cases.js';

const TOPOLOGY: Topology = {
  namespaces: [
    { name: 'x', labels: { 'kubernetes.io/metadata.name': 'x' } },
    { name: 'y', labels: { 'kubernetes.io/metadata.name': 'y' } },
  ],
  pods: [
    { namespace: 'x', name: 'a', labels: { app: 'web' }, ip: '10.244.1.1', ports: [{ port: 80, protocol: 'TCP', name: 'http' }] },
    { namespace: 'y', name: 'b', labels: { app: 'api' }, ip: '10.244.2.1', ports: [{ port: 8080, protocol: 'TCP', name: 'http' }, { port: 53, protocol: 'UDP', name: 'dns' }] },
  ],
  externals: [{ name: 'backup', ip: '192.168.5.10', ports: [] }],
};
const XA = TOPOLOGY.pods[0] as PodSpec;
const REJECT: CompileOptions = { ipBlockMatchesPodIps: true, denyAction: 'reject' };
const TARGETS = { deny: 'deny_egress', pass: 'goto np_egress' };

function lines(policies: ClusterPolicy[], tier: 'Admin' | 'Baseline', direction: 'ingress' | 'egress' = 'egress', targets = TARGETS): string[] {
  return tierLines({ topology: TOPOLOGY, clusterPolicies: policies, pod: XA, direction }, tier, targets).map((l) => l.replace(/ comment ".*"$/, ''));
}

function chain(text: string, name: string): string[] {
  const start = text.indexOf(`  chain ${name} {`);
  return text.slice(start, text.indexOf('\n  }', start)).split('\n').slice(1).map((l) => l.trim());
}

describe('netns nft compiler: cluster-scoped tiers', () => {
  it('orders rules by priority, then as written, each with its verdict', () => {
    const low = cnp('low', 'Admin', 9, inNamespace('x'), { egress: [{ action: 'Accept', to: [inNamespace('y')] }] });
    const high = cnp('high', 'Admin', 1, inNamespace('x'), { egress: [{ action: 'Deny', to: [{ networks: ['192.168.5.0/24'] }] }, { action: 'Pass', to: [inNamespace('y')] }] });
    expect(lines([low, high], 'Admin')).to.deep.equal(['ip daddr 192.168.5.0/24 goto deny_egress', 'ip daddr 10.244.2.1 goto np_egress', 'ip daddr 10.244.2.1 accept']);
  });

  it('reads v1alpha1 ports and the BANP, and leaves policies of the other tier or direction out', () => {
    const a = anp('a', 2, inNamespace('x'), { egress: [{ action: 'Allow', to: [inNamespace('y')], ports: [{ portNumber: { port: 53, protocol: 'UDP' } }, { portRange: { start: 8000, end: 8080 } }] }] });
    const b = banp(inNamespace('x'), { egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }], ingress: [{ action: 'Deny', from: [inNamespace('y')] }] });
    expect(lines([a, b], 'Admin')).to.deep.equal(['ip daddr 10.244.2.1 meta l4proto udp th dport 53 accept', 'ip daddr 10.244.2.1 meta l4proto tcp th dport 8000-8080 accept']);
    expect(lines([a, b], 'Baseline', 'egress', { deny: 'deny_egress', pass: 'accept' })).to.deep.equal(['ip daddr 0.0.0.0/0 goto deny_egress']);
  });

  it('resolves an egress named port on each destination pod, and an ingress one on the pod itself', () => {
    const named = cnp('named', 'Admin', 1, inNamespace('x'), {
      egress: [{ action: 'Deny', to: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'http' }] }],
      ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: 'http' }] }],
    });
    expect(lines([named], 'Admin')).to.deep.equal(['ip daddr 10.244.1.1 meta l4proto tcp th dport 80 goto deny_egress', 'ip daddr 10.244.2.1 meta l4proto tcp th dport 8080 goto deny_egress']);
    expect(lines([named], 'Admin', 'ingress', { deny: 'deny_ingress', pass: 'goto np_ingress' })).to.deep.equal(['ip saddr { 10.244.1.1, 10.244.2.1 } meta l4proto tcp th dport 80 goto deny_ingress']);
  });

  it('an empty peer fails closed: everything for Deny, nothing for Accept', () => {
    const deny = cnp('deny', 'Admin', 1, inNamespace('x'), { egress: [{ action: 'Deny', to: [{}] }] });
    const accept = cnp('accept', 'Admin', 2, inNamespace('x'), { egress: [{ action: 'Accept', to: [{}] }] });
    expect(lines([deny, accept], 'Admin')).to.deep.equal(['goto deny_egress']);
  });

  it('lays the chains out: Admin in the hook chain, then NetworkPolicy, Baseline and deny', () => {
    const admin = cnp('admin', 'Admin', 1, inNamespace('x'), { ingress: [{ action: 'Pass', from: [inNamespace('y')] }] });
    const baseline = cnp('baseline', 'Baseline', 1, inNamespace('x'), { ingress: [{ action: 'Deny', from: [inNamespace('y')] }] });
    const np: NetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'x', name: 'np' }, spec: { podSelector: {}, policyTypes: ['Egress'] } };
    const text = renderPodRuleset({ topology: TOPOLOGY, policies: [np], clusterPolicies: [admin, baseline] }, XA, REJECT);
    expect(chain(text, 'ingress').map((l) => l.replace(/ comment ".*"$/, ''))).to.deep.equal([
      'type filter hook input priority filter; policy accept;',
      'iif "lo" accept',
      'ct state established,related accept',
      'icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept',
      '# Admin tier',
      'ip saddr 10.244.2.1 goto np_ingress',
      'goto np_ingress',
    ]);
    expect(chain(text, 'np_ingress')).to.deep.equal(['# NetworkPolicy tier: not isolated for ingress', 'goto baseline_ingress']);
    expect(chain(text, 'baseline_ingress').map((l) => l.replace(/ comment ".*"$/, ''))).to.deep.equal(['# Baseline tier', 'ip saddr 10.244.2.1 goto deny_ingress', '# default: allowed', 'accept']);
    expect(chain(text, 'deny_ingress')).to.deep.equal(['meta l4proto tcp reject with tcp reset', 'reject with icmpx type port-unreachable']);
    expect(chain(text, 'np_egress')).to.deep.equal(['# NetworkPolicy tier: isolated for egress by x/np', 'goto deny_egress']);
  });

  it('keeps the layout of before when there is no cluster-scoped policy', () => {
    const text = renderPodRuleset({ topology: TOPOLOGY, policies: [], clusterPolicies: [] }, XA, REJECT);
    expect(text).not.to.include('np_ingress');
    expect(text).to.include('# not isolated for ingress');
  });
});
