// An address that moves to another pod (fuzz rebuilds topologies whose pods reuse the addresses of
// the last ones) must be reachable at once, in both families: nothing may keep sending to the old
// pod's link-layer address. The router forgets the neighbour entries of every address it drops.
// The pods must hold none of their own: every pod's traffic goes through the router, which sends
// no ICMPv6 redirects (a pod that took one would talk to the other pod directly, by its MAC, and
// after the move send to a MAC that is gone). Whether a pod acts on a redirect depends on timing
// (mostly not; now and then on a loaded machine), so the end-to-end probes alone passed most of
// the time even when redirects were sent: the test also checks that none was.
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import type { Topology } from '../../src/model/topology.js';
import type { Flow } from '../../src/model/verdicts.js';
import type { NetnsTarget } from '../../src/targets/netns/index.js';
import { NETNS_DIR, ROUTER_NS } from '../../src/targets/netns/dataplane-plan.js';
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

/** Runs a command in a namespace of the target's sandbox, from outside (as a person would). */
function inNamespace(target: NetnsTarget, netns: string, command: string): string {
  const enter = target.sandboxInfo?.enter ?? 'false';
  const r = spawnSync('sh', ['-c', `${enter} nsenter --net=${NETNS_DIR}/${netns} sh -c '${command}'`], { encoding: 'utf8' });
  expect(r.status, r.stderr).to.equal(0);
  return r.stdout;
}

describe('netns target: an address that moves to a new pod', { skip: unavailable ?? false }, () => {
  let target: NetnsTarget;
  before(async () => {
    const { createNetnsTarget } = await import('../../src/targets/netns/index.js');
    target = await createNetnsTarget({});
  });
  after(async () => {
    await target?.down();
  });

  it('is reachable at once over IPv6, from an external host and from another pod, which talks to it through the router only', async (t) => {
    if (target.lacking.has('ipv6')) return t.skip(target.lacking.get('ipv6'));
    const flows = (to: string): Flow[] => [
      { from: 'v6host', to, ...PORT },
      { from: 'x/c', to, ...PORT, family: 6 },
      { from: 'x/c', to, ...PORT, family: 4 },
    ];
    await target.up(topology([['a', '10.244.1.1', 'fd00:10:244::af4:101'], ['c', '10.244.1.3', 'fd00:10:244::af4:103']]));
    const first = await target.probe(flows('x/a'), { expected: ['allowed', 'allowed', 'allowed'] });
    expect(first.map((o) => (o.kind === 'probe' ? o.outcome : o.kind)), JSON.stringify(first)).to.deep.equal(['connected', 'connected', 'connected']);
    // x/c reached x/a through the router (whose leg on the bridge it came in by): no redirect went
    // out, and x/c knows no link-layer address but the router's.
    const snmp6 = inNamespace(target, ROUTER_NS, 'cat /proc/net/snmp6');
    expect(snmp6).to.match(/^Icmp6OutRedirects\s+0$/m);
    expect(inNamespace(target, 'pod_x_c', 'ip -6 neigh show; ip -4 neigh show')).to.not.match(/10\.244\.1\.1 |fd00:10:244::af4:101 /);
    // x/a goes, x/b comes with its addresses.
    await target.up(topology([['b', '10.244.1.1', 'fd00:10:244::af4:101'], ['c', '10.244.1.3', 'fd00:10:244::af4:103']]));
    const moved = await target.probe(flows('x/b'), { expected: ['allowed', 'allowed', 'allowed'] });
    expect(moved.map((o) => (o.kind === 'probe' ? `${o.flow.from} ${o.outcome}` : o.kind))).to.deep.equal(['v6host connected', 'x/c connected', 'x/c connected']);
  });
});
