// buildTopology: namespaces (declared and implicit, with kubernetes.io/metadata.name), pods with
// their container ports, addresses from status.podIP or assigned stably from 10.244.0.0/16.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { cidrContains, parseCidr, parseIp } from '../../src/model/cidr.js';
import { InputError } from '../../src/model/errors.js';
import { buildTopology, podPorts } from '../../src/model/build-topology.js';
import { endpointIds, flowFamily, withNamespaceNameLabel, type Topology } from '../../src/model/topology.js';
import type { KubeObject } from '../../src/model/api.js';
import { netpol, ns, pod } from '../engine/cases.js';

const ipOf = (topology: Topology, id: string): string => {
  const found = topology.pods.find((p) => `${p.namespace}/${p.name}` === id);
  if (!found) throw new Error(`test bug: no pod ${id}`);
  return found.ip;
};

const POD_NETWORK = parseCidr('10.244.0.0/16');

describe('buildTopology: namespaces', () => {
  it('keeps declared labels and adds kubernetes.io/metadata.name', () => {
    const t = buildTopology([ns('prod', { env: 'prod' })]);
    expect(t.namespaces).to.deep.equal([{ name: 'prod', labels: { env: 'prod', 'kubernetes.io/metadata.name': 'prod' } }]);
  });

  it('the automatic label wins over a declared one (it is immutable)', () => {
    expect(withNamespaceNameLabel('a', { 'kubernetes.io/metadata.name': 'b' })).to.deep.equal({ 'kubernetes.io/metadata.name': 'a' });
  });

  it('creates namespaces referenced only by pods or policies, with only the automatic label', () => {
    const t = buildTopology([pod('dev', 'api', {}), netpol('ops', 'p', {})]);
    expect(t.namespaces).to.deep.equal([
      { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      { name: 'ops', labels: { 'kubernetes.io/metadata.name': 'ops' } },
    ]);
  });

  it('a Namespace object after a pod in it replaces the implicit one', () => {
    const t = buildTopology([pod('dev', 'api', {}), ns('dev', { env: 'dev' })]);
    expect(t.namespaces).to.deep.equal([{ name: 'dev', labels: { env: 'dev', 'kubernetes.io/metadata.name': 'dev' } }]);
  });

  it('a later Namespace of the same name replaces an earlier one', () => {
    const t = buildTopology([ns('dev', { a: '1' }), ns('dev', { b: '2' })]);
    expect(t.namespaces).to.deep.equal([{ name: 'dev', labels: { b: '2', 'kubernetes.io/metadata.name': 'dev' } }]);
  });

  it('policies are not part of the topology', () => {
    const t = buildTopology([ns('x'), netpol('x', 'p', {})]);
    expect(t.pods).to.deep.equal([]);
  });
});

describe('buildTopology: pods', () => {
  it('takes labels and container ports (protocol defaulting to TCP, names kept)', () => {
    const t = buildTopology([pod('x', 'a', { app: 'web' }, [{ name: 'http', containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }], '10.0.0.1')]);
    expect(t.pods).to.deep.equal([
      { namespace: 'x', name: 'a', labels: { app: 'web' }, ip: '10.0.0.1', ports: [{ port: 80, protocol: 'TCP', name: 'http' }, { port: 53, protocol: 'UDP' }], ips: ['10.0.0.1', 'fd00:10:244::a00:1'] },
    ]);
  });

  it('collects ports of every container', () => {
    const p = pod('x', 'a', {});
    p.spec.containers = [
      { name: 'one', ports: [{ containerPort: 80, name: 'http' }] },
      { name: 'two' },
      { name: 'three', ports: [{ containerPort: 9000, protocol: 'SCTP', name: 'sig' }] },
    ];
    expect(podPorts(p)).to.deep.equal([{ port: 80, protocol: 'TCP', name: 'http' }, { port: 9000, protocol: 'SCTP', name: 'sig' }]);
  });

  it('makes every pod dual-stack: the IPv6 address carries the IPv4 one in its last 32 bits; a stated family is kept', () => {
    const v6only = pod('x', 'c', {}, [], 'fd00::5');
    const both = pod('x', 'd', {}, [], '10.9.8.7');
    both.status = { podIP: '10.9.8.7', podIPs: [{ ip: '10.9.8.7' }, { ip: '2001:db8::7' }] };
    const t = buildTopology([pod('x', 'a', {}, [], '10.244.1.2'), pod('x', 'b', {}), v6only, both]);
    const ips = (id: string): string[] | undefined => t.pods.find((p) => `${p.namespace}/${p.name}` === id)?.ips;
    expect(ips('x/a')).to.deep.equal(['10.244.1.2', 'fd00:10:244::af4:102']);
    const b = ips('x/b') ?? [];
    expect(b).to.have.length(2);
    const [, , third = 0, fourth = 0] = (b[0] ?? '').split('.').map(Number);
    expect(b[1]).to.equal(`fd00:10:244::af4:${(third * 256 + fourth).toString(16)}`);
    expect(ips('x/c')?.[0]).to.equal('fd00::5');
    expect(ips('x/c')?.[1]).to.match(/^10\.244\./);
    expect(ips('x/d')).to.deep.equal(['10.9.8.7', '2001:db8::7']);
    // hostNetwork pods have their node's address only.
    const host = pod('x', 'h', {});
    host.spec.hostNetwork = true;
    expect(buildTopology([host]).pods[0]?.ips).to.equal(undefined);
  });

  it('honours status.podIP', () => {
    const t = buildTopology([pod('x', 'a', {}, [], '192.0.2.5'), pod('x', 'b', {}, [], 'fd00::5')]);
    expect(ipOf(t, 'x/a')).to.equal('192.0.2.5');
    expect(ipOf(t, 'x/b')).to.equal('fd00::5');
  });

  it('assigns addresses in 10.244.0.0/16, outside 10.244.0.0/24, distinct', () => {
    const pods = Array.from({ length: 300 }, (_, i) => pod(`ns${i % 7}`, `p${i}`, {}));
    const t = buildTopology(pods);
    const ips = t.pods.map((p) => p.ip);
    expect(new Set(ips).size).to.equal(300);
    const infra = parseCidr('10.244.0.0/24');
    for (const address of ips) {
      const parsed = parseIp(address);
      expect(parsed, address).to.not.equal(undefined);
      if (!parsed || !POD_NETWORK || !infra) continue;
      expect(cidrContains(POD_NETWORK, parsed), address).to.equal(true);
      expect(cidrContains(infra, parsed), address).to.equal(false);
    }
  });

  it('assigns the same address to the same pod on every build, whatever the input order', () => {
    const objects: KubeObject[] = [pod('x', 'a', {}), pod('x', 'b', {}), pod('y', 'a', {}), ns('y')];
    const first = buildTopology(objects);
    const again = buildTopology([...objects].reverse());
    for (const id of ['x/a', 'x/b', 'y/a']) expect(ipOf(again, id), id).to.equal(ipOf(first, id));
  });

  it('keeps a pod address when other pods are added or removed', () => {
    const small = buildTopology([pod('x', 'a', {}), pod('x', 'b', {})]);
    const big = buildTopology([pod('x', 'a', {}), pod('x', 'b', {}), ...Array.from({ length: 50 }, (_, i) => pod('z', `extra${i}`, {}))]);
    const alone = buildTopology([pod('x', 'b', {})]);
    expect(ipOf(big, 'x/a')).to.equal(ipOf(small, 'x/a'));
    expect(ipOf(big, 'x/b')).to.equal(ipOf(small, 'x/b'));
    expect(ipOf(alone, 'x/b')).to.equal(ipOf(small, 'x/b'));
  });

  it('never assigns an address a pod declares in status.podIP, or an external host uses', () => {
    const auto = buildTopology([pod('x', 'a', {})]);
    const taken = ipOf(auto, 'x/a');
    const withOwner = buildTopology([pod('x', 'a', {}), pod('y', 'owner', {}, [], taken)]);
    expect(ipOf(withOwner, 'y/owner')).to.equal(taken);
    expect(ipOf(withOwner, 'x/a')).to.not.equal(taken);
    const withExternal = buildTopology([pod('x', 'a', {})], [{ name: 'ext', ip: taken, ports: [] }]);
    expect(ipOf(withExternal, 'x/a')).to.not.equal(taken);
  });

  it('rejects two pods declaring the same status.podIP, naming the pod and the address', () => {
    const objects = [pod('x', 'a', {}, [], '10.0.0.1'), pod('y', 'b', {}, [], '10.0.0.1')];
    expect(() => buildTopology(objects)).to.throw(InputError, /pod y\/b: address 10\.0\.0\.1 is used by another pod/);
  });

  it('a later pod of the same namespace/name replaces an earlier one', () => {
    const t = buildTopology([pod('x', 'a', { v: '1' }, [], '10.0.0.1'), pod('x', 'a', { v: '2' }, [], '10.0.0.2')]);
    expect(t.pods).to.have.length(1);
    expect(t.pods[0]).to.deep.include({ labels: { v: '2' }, ip: '10.0.0.2' });
  });
});

describe('buildTopology: external hosts', () => {
  it('keeps them as given', () => {
    const externals = [{ name: 'backup', ip: '192.168.5.10', ports: [{ port: 80, protocol: 'TCP' as const }] }];
    expect(buildTopology([], externals).externals).to.deep.equal(externals);
  });

  it('rejects an external host whose address is not an IP, naming it', () => {
    expect(() => buildTopology([], [{ name: 'backup', ip: 'backup.example', ports: [] }])).to.throw(InputError, 'external host backup: "backup.example" is not an IP address');
  });
});

describe('endpointIds', () => {
  it('lists pods as namespace/name first, then external hosts by name', () => {
    const t = buildTopology([pod('x', 'a', {}), pod('y', 'b', {})], [{ name: 'backup', ip: '192.168.5.10', ports: [] }]);
    expect(endpointIds(t)).to.deep.equal(['x/a', 'y/b', 'backup']);
  });
});

describe('flowFamily: the address family a flow travels in', () => {
  const dual = { namespace: 'x', name: 'a', labels: {}, ip: '10.0.0.1', ips: ['10.0.0.1', 'fd00::1'], ports: [] };
  const dual6first = { ...dual, name: 'b', ip: 'fd00::2', ips: ['fd00::2', '10.0.0.2'] };
  const host4 = { name: 'h4', ip: '192.168.5.10', ports: [] };
  const host6 = { name: 'h6', ip: '2001:db8::5', ports: [] };
  const node4 = { namespace: 'n', name: 'agent', labels: {}, ip: '172.18.0.2', ports: [], hostNetwork: true };

  it("the destination's first family when the source has it", () => {
    expect(flowFamily(dual, dual6first)).to.equal(6);
    expect(flowFamily(dual6first, dual)).to.equal(4);
    expect(flowFamily(dual, host6)).to.equal(6);
    expect(flowFamily(host4, dual)).to.equal(4);
  });

  it('else the other family both have; none in common: undefined', () => {
    expect(flowFamily(host6, dual)).to.equal(6);
    expect(flowFamily(node4, host6)).to.equal(undefined);
  });

  it('the family asked for, when both ends have it', () => {
    expect(flowFamily(dual, dual6first, 4)).to.equal(4);
    expect(flowFamily(dual, host4, 6)).to.equal(undefined);
  });
});
