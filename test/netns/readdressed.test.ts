// An address that moves to another pod (fuzz rebuilds topologies whose pods reuse the addresses of
// the last ones) must be reachable at once, in both families: the router must not keep sending to
// the old pod's link-layer address. IPv4 heals by itself (the new pod's ARP for the gateway teaches
// the router its MAC), IPv6 does not (a dual-stack pod says nothing over IPv6 until it is probed),
// so the router forgets the neighbour entries of every address it drops.
import { after, before, describe, it } from 'node:test';
import { expect } from 'chai';
import type { Topology } from '../../src/model/topology.js';
import type { Flow } from '../../src/model/verdicts.js';
import type { Target } from '../../src/targets/target.js';
import { netnsUnavailable } from './support.js';

const unavailable = await netnsUnavailable();
const PORT = { port: 80, protocol: 'TCP' as const };

/** Dual-stack pods, as buildTopology makes them. */
function topology(pods: readonly [name: string, ip: string, ip6: string][]): Topology {
  return {
    namespaces: [{ name: 'x', labels: { 'kubernetes.io/metadata.name': 'x' } }],
    pods: pods.map(([name, ip, ip6]) => ({ namespace: 'x', name, labels: {}, ip, ips: [ip, ip6], ports: [PORT] })),
    externals: [{ name: 'v6host', ip: '2001:db8::10', ports: [PORT] }],
  };
}

describe('netns target: an address that moves to a new pod', { skip: unavailable ?? false }, () => {
  let target: Target;
  before(async () => {
    const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
    target = await createNetnsTarget({});
  });
  after(async () => {
    await target?.down();
  });

  it('is reachable at once over IPv6, from an external host and from another pod', async (t) => {
    if (target.lacking.has('ipv6')) return t.skip(target.lacking.get('ipv6'));
    const flows = (to: string): Flow[] => [
      { from: 'v6host', to, ...PORT },
      { from: 'x/c', to, ...PORT, family: 6 },
      { from: 'x/c', to, ...PORT, family: 4 },
    ];
    await target.up(topology([['a', '10.244.1.1', 'fd00:10:244::af4:101'], ['c', '10.244.1.3', 'fd00:10:244::af4:103']]));
    const first = await target.probe(flows('x/a'), { expected: ['allowed', 'allowed', 'allowed'] });
    expect(first.map((o) => (o.kind === 'probe' ? o.outcome : o.kind)), JSON.stringify(first)).to.deep.equal(['connected', 'connected', 'connected']);
    // x/a goes, x/b comes with its addresses.
    await target.up(topology([['b', '10.244.1.1', 'fd00:10:244::af4:101'], ['c', '10.244.1.3', 'fd00:10:244::af4:103']]));
    const moved = await target.probe(flows('x/b'), { expected: ['allowed', 'allowed', 'allowed'] });
    expect(moved.map((o) => (o.kind === 'probe' ? `${o.flow.from} ${o.outcome}` : o.kind))).to.deep.equal(['v6host connected', 'x/c connected', 'x/c connected']);
  });
});
