// The netns target's policy compiler, without root: what one pod's nftables table says for the
// cases docs/semantics.md spells out (isolation, policyTypes defaulting, peers, ipBlock, ports).
// The real-packet tests (target.test.ts, differential.test.ts) show the kernel agrees.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { NetworkPolicy, NetworkPolicySpec } from '../../src/model/api.js';
import type { PodSpec, PortSpec, Topology } from '../../src/model/topology.js';
import { directionRules, renderPodRuleset, type CompileOptions } from '../../src/targets/netns/nft-compiler.js';
import { effectiveDirections } from '../../src/targets/netns/selection.js';

const SERVED: PortSpec[] = [
  { port: 80, protocol: 'TCP', name: 'http' },
  { port: 53, protocol: 'UDP', name: 'dns' },
];

function pod(namespace: string, name: string, labels: Record<string, string>, ip: string, ports: PortSpec[] = SERVED): PodSpec {
  return { namespace, name, labels, ip, ports };
}

/** x {team: a}, y {team: b}; pods x/a 10.244.1.1, x/b .2, y/a .3 (its `http` is 8080), y/c .4. */
const TOPOLOGY: Topology = {
  namespaces: [
    { name: 'x', labels: { 'kubernetes.io/metadata.name': 'x', team: 'a' } },
    { name: 'y', labels: { 'kubernetes.io/metadata.name': 'y', team: 'b' } },
  ],
  pods: [
    pod('x', 'a', { app: 'web', tier: 'front' }, '10.244.1.1'),
    pod('x', 'b', { app: 'api' }, '10.244.1.2'),
    pod('y', 'a', { app: 'web' }, '10.244.1.3', [{ port: 8080, protocol: 'TCP', name: 'http' }]),
    pod('y', 'c', { app: 'db' }, '10.244.1.4', []),
  ],
  externals: [{ name: 'backup', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP' }] }],
};
const XA = TOPOLOGY.pods[0] as PodSpec;
const REJECT: CompileOptions = { ipBlockMatchesPodIps: true, denyAction: 'reject' };

function netpol(namespace: string, name: string, spec: NetworkPolicySpec): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
}

function rules(spec: NetworkPolicySpec, direction: 'ingress' | 'egress', options = REJECT, target = XA) {
  return directionRules({ topology: TOPOLOGY, policies: [netpol('x', 'p', spec)] }, target, direction, options);
}

/** The match part of each accept rule (`(anything)` for a bare accept). */
function accepts(spec: NetworkPolicySpec, direction: 'ingress' | 'egress', options = REJECT, target = XA): string[] {
  return rules(spec, direction, options, target).accepts.map((r) => r.replace(/ ?accept comment ".*"$/, '') || '(anything)');
}

describe('netns nft compiler: isolation and policyTypes', () => {
  it('a pod no policy selects gets both chains with nothing but accepts', () => {
    const text = renderPodRuleset({ topology: TOPOLOGY, policies: [] }, XA, REJECT);
    expect(text).to.include('# not isolated for ingress').and.include('# not isolated for egress');
    expect(text).not.to.include('reject');
    expect(text.split('\n').slice(1, 4)).to.deep.equal(['table inet netpol', 'delete table inet netpol', 'table inet netpol {']);
  });

  it('puts loopback and established/related before anything else, then rejects TCP with a reset', () => {
    const text = renderPodRuleset({ topology: TOPOLOGY, policies: [netpol('x', 'deny', { podSelector: {} })] }, XA, REJECT);
    const ingress = text.slice(text.indexOf('chain ingress'), text.indexOf('chain egress')).split('\n').map((l) => l.trim());
    expect(ingress.slice(1, 4)).to.deep.equal(['type filter hook input priority filter; policy accept;', 'iif "lo" accept', 'ct state established,related accept']);
    expect(ingress).to.include('meta l4proto tcp reject with tcp reset').and.include('reject with icmpx type port-unreachable');
    expect(text).to.include('# not isolated for egress');
  });

  it('drops instead of rejecting when asked to', () => {
    const text = renderPodRuleset({ topology: TOPOLOGY, policies: [netpol('x', 'deny', { podSelector: {} })] }, XA, { ...REJECT, denyAction: 'drop' });
    expect(text).to.include('    drop\n').and.not.include('reject');
  });

  it('defaults policyTypes to Ingress, plus Egress only when egress rules exist', () => {
    expect(effectiveDirections(netpol('x', 'p', {}))).to.deep.equal({ ingress: true, egress: false });
    expect(effectiveDirections(netpol('x', 'p', { egress: [] }))).to.deep.equal({ ingress: true, egress: false });
    expect(effectiveDirections(netpol('x', 'p', { egress: [{}] }))).to.deep.equal({ ingress: true, egress: true });
    expect(effectiveDirections(netpol('x', 'p', { policyTypes: [] }))).to.deep.equal({ ingress: true, egress: false });
    expect(effectiveDirections(netpol('x', 'p', { policyTypes: ['Egress'], ingress: [{}] }))).to.deep.equal({ ingress: false, egress: true });
  });

  it('ignores the rule section of a direction policyTypes does not list', () => {
    const r = rules({ policyTypes: ['Egress'], ingress: [{}], egress: [] }, 'ingress');
    expect(r.isolatedBy).to.deep.equal([]);
    expect(rules({ policyTypes: ['Egress'], ingress: [{}], egress: [] }, 'egress')).to.deep.equal({ isolatedBy: ['x/p'], accepts: [] });
  });

  it('selects with every matchExpressions operator, and only in the policy namespace', () => {
    const isolated = (spec: NetworkPolicySpec, target = XA) => rules(spec, 'ingress', REJECT, target).isolatedBy.length > 0;
    expect(isolated({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'x'] }] } })).to.equal(true);
    expect(isolated({ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } })).to.equal(false);
    expect(isolated({ podSelector: { matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['web'] }] } })).to.equal(true);
    expect(isolated({ podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } })).to.equal(true);
    expect(isolated({ podSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } })).to.equal(false);
    expect(isolated({ podSelector: {} }, TOPOLOGY.pods[2])).to.equal(false);
  });
});

describe('netns nft compiler: peers', () => {
  it('empty rule: allow everything; empty ingress list: nothing', () => {
    expect(accepts({ ingress: [{}] }, 'ingress')).to.deep.equal(['(anything)']);
    expect(accepts({ ingress: [] }, 'ingress')).to.deep.equal([]);
  });

  it('podSelector alone means the policy namespace', () => {
    expect(accepts({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] }, 'ingress')).to.deep.equal(['ip saddr 10.244.1.1']);
  });

  it('namespaceSelector alone means every pod of the matching namespaces; {} means all', () => {
    expect(accepts({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] }] }, 'ingress')).to.deep.equal(['ip saddr { 10.244.1.3, 10.244.1.4 }']);
    expect(accepts({ ingress: [{ from: [{ namespaceSelector: {} }] }] }, 'ingress')).to.deep.equal(['ip saddr { 10.244.1.1, 10.244.1.2, 10.244.1.3, 10.244.1.4 }']);
  });

  it('both selectors in one peer AND; two peers OR (one rule each)', () => {
    const both = { namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'web' } } };
    expect(accepts({ ingress: [{ from: [both] }] }, 'ingress')).to.deep.equal(['ip saddr 10.244.1.3']);
    const two = [{ namespaceSelector: both.namespaceSelector }, { podSelector: both.podSelector }];
    expect(accepts({ ingress: [{ from: two }] }, 'ingress')).to.deep.equal(['ip saddr { 10.244.1.3, 10.244.1.4 }', 'ip saddr 10.244.1.1']);
  });

  it('a peer naming no pod adds no rule (it must not turn into "any")', () => {
    expect(accepts({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'nothing' } } }] }] }, 'ingress')).to.deep.equal([]);
  });

  it('namespaceSelector matches the kubernetes.io/metadata.name label', () => {
    const peer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } };
    expect(accepts({ ingress: [{ from: [peer] }] }, 'ingress')).to.deep.equal(['ip saddr { 10.244.1.3, 10.244.1.4 }']);
  });

  it('ipBlock: canonical cidr minus its own excepts, nested excepts merged', () => {
    const ipBlock = { cidr: '192.168.5.12/16', except: ['192.168.5.0/24', '192.168.5.128/25', '10.0.0.0/8'] };
    expect(accepts({ ingress: [{ from: [{ ipBlock }] }] }, 'ingress')).to.deep.equal(['ip saddr 192.168.0.0/16 ip saddr != 192.168.5.0/24']);
    expect(accepts({ egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 'egress')).to.deep.equal(['ip daddr 0.0.0.0/0']);
  });

  it('ipBlock carves pod addresses out when it must not match pods', () => {
    const options = { ...REJECT, ipBlockMatchesPodIps: false };
    const ipBlock = { cidr: '10.244.0.0/16', except: ['10.244.1.0/30'] };
    expect(accepts({ ingress: [{ from: [{ ipBlock }] }] }, 'ingress', options)).to.deep.equal(['ip saddr 10.244.0.0/16 ip saddr != { 10.244.1.0/30, 10.244.1.4 }']);
  });
});

describe('netns nft compiler: ports', () => {
  it('protocol defaults to TCP; port absent means every port of the protocol', () => {
    expect(accepts({ ingress: [{ ports: [{ port: 80 }] }] }, 'ingress')).to.deep.equal(['meta l4proto tcp th dport 80']);
    expect(accepts({ ingress: [{ ports: [{}] }] }, 'ingress')).to.deep.equal(['meta l4proto tcp']);
    expect(accepts({ ingress: [{ ports: [{ protocol: 'UDP' }] }] }, 'ingress')).to.deep.equal(['meta l4proto udp']);
  });

  it('endPort makes an inclusive range', () => {
    expect(accepts({ ingress: [{ ports: [{ port: 8000, endPort: 8080, protocol: 'UDP' }] }] }, 'ingress')).to.deep.equal(['meta l4proto udp th dport 8000-8080']);
  });

  it('one rule per (peer, port) pair: peers and ports multiply', () => {
    const r = accepts({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }, { ipBlock: { cidr: '192.168.5.10/32' } }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] }, 'ingress');
    expect(r).to.deep.equal([
      'ip saddr 10.244.1.2 meta l4proto tcp th dport 80',
      'ip saddr 10.244.1.2 meta l4proto udp th dport 53',
      'ip saddr 192.168.5.10/32 meta l4proto tcp th dport 80',
      'ip saddr 192.168.5.10/32 meta l4proto udp th dport 53',
    ]);
  });

  it('ingress named ports resolve on the pod itself (name and protocol)', () => {
    expect(accepts({ ingress: [{ ports: [{ port: 'http' }] }] }, 'ingress')).to.deep.equal(['meta l4proto tcp th dport 80']);
    expect(accepts({ ingress: [{ ports: [{ port: 'dns', protocol: 'UDP' }] }] }, 'ingress')).to.deep.equal(['meta l4proto udp th dport 53']);
    expect(accepts({ ingress: [{ ports: [{ port: 'dns' }] }] }, 'ingress'), 'dns is UDP, the port says TCP').to.deep.equal([]);
  });

  it('egress named ports resolve on each destination pod, never on an external host', () => {
    expect(accepts({ egress: [{ ports: [{ port: 'http' }] }] }, 'egress')).to.deep.equal([
      'ip daddr { 10.244.1.1, 10.244.1.2 } meta l4proto tcp th dport 80',
      'ip daddr 10.244.1.3 meta l4proto tcp th dport 8080',
    ]);
    expect(accepts({ egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 'http' }] }] }, 'egress')).to.deep.equal([]);
    expect(accepts({ egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/31' } }], ports: [{ port: 'http' }] }] }, 'egress')).to.deep.equal([
      'ip daddr 10.244.1.1 meta l4proto tcp th dport 80',
    ]);
  });

  it('labels every rule with the policy, rule, peer and port it came from', () => {
    const r = rules({ ingress: [{}, { from: [{ podSelector: {} }], ports: [{ port: 80 }] }] }, 'ingress');
    expect(r.accepts).to.deep.equal([
      'accept comment "x/p ingress[0]"',
      'ip saddr { 10.244.1.1, 10.244.1.2 } meta l4proto tcp th dport 80 accept comment "x/p ingress[1] peer[0] port[0]"',
    ]);
  });
});

describe('netns nft compiler: dual-stack pods', () => {
  const dual = (p: PodSpec, v6: string): PodSpec => ({ ...p, ips: [p.ip, v6] });
  const pods = TOPOLOGY.pods.map((p, i) => dual(p, `fd00:10:244::${i + 1}`));
  const state = (spec: NetworkPolicySpec, options: Partial<CompileOptions> = {}) => {
    const topology: Topology = { ...TOPOLOGY, pods };
    return directionRules({ topology, policies: [netpol('x', 'p', spec)] }, pods[0] as PodSpec, 'ingress', { ...REJECT, ...options }).accepts.map((a) => a.replace(/ comment ".*"$/, ''));
  };

  it('a selector peer names both addresses of each pod it selects, one match per family', () => {
    expect(state({ podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] })).to.deep.equal(['ip saddr 10.244.1.2 accept', 'ip6 saddr fd00:10:244::2 accept']);
  });

  it('an IPv6 ipBlock matches in ip6 only; without pod-IP matching the pods’ IPv6 addresses are carved out', () => {
    expect(state({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/8' } }] }] })).to.deep.equal(['ip6 saddr fd00::/8 accept']);
    expect(state({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/8' } }] }] }, { ipBlockMatchesPodIps: false })).to.deep.equal([
      'ip6 saddr fd00::/8 ip6 saddr != { fd00:10:244::1, fd00:10:244::2, fd00:10:244::3, fd00:10:244::4 } accept',
    ]);
  });

  it('an egress named port to an IPv4 block names the destination’s IPv4 address only', () => {
    const topology: Topology = { ...TOPOLOGY, pods };
    const rules = directionRules({ topology, policies: [netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.1.3/32' } }], ports: [{ port: 'http' }] }] })] }, pods[0] as PodSpec, 'egress', REJECT);
    expect(rules.accepts.map((a) => a.replace(/ comment ".*"$/, ''))).to.deep.equal(['ip daddr 10.244.1.3 meta l4proto tcp th dport 8080 accept']);
  });

  it('both chains let IPv6 neighbour discovery through, before any isolation', () => {
    const text = renderPodRuleset({ topology: { ...TOPOLOGY, pods }, policies: [netpol('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })] }, pods[0] as PodSpec, REJECT);
    for (const name of ['ingress', 'egress']) {
      const body = text.slice(text.indexOf(`chain ${name}`)).split('\n').map((l) => l.trim());
      expect(body.indexOf('icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept'), name).to.be.within(1, 5);
    }
  });
});
