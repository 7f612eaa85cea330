// The dataplane's shape as ip batch scripts, without root: dual-stack endpoints where the kernel
// has IPv6, IPv4 only where it has not (and an IPv6-only host is then refused with the reason).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { addEndpointScripts, baseLinks, planEndpoint, removeEndpointScripts, routerSysctlCommand } from '../../src/targets/netns/dataplane-plan.js';
import { TargetError } from '../../src/model/errors.js';
import { ipv6LackingReason } from '../../src/targets/netns/requirements.js';

const pod = { id: 'x/a', kind: 'pod' as const, ips: ['10.244.1.1', 'fd00:10:244::af4:101'], ports: [] };
const v6host = { id: 'v6', kind: 'external' as const, ips: ['2001:db8::5'], ports: [] };

describe('dataplane plan', () => {
  it('a dual-stack pod: both addresses (IPv6 without DAD, no link-local of its own), both default routes, both host routes at the router', () => {
    const { parallel } = addEndpointScripts([planEndpoint(pod, 1, true)], true);
    const own = parallel.find((s) => s.netns === 'pod_x_a');
    expect(own?.lines).to.deep.equal([
      'link set lo up',
      'link set eth0 addrgenmode none',
      'addr add 10.244.1.1/32 dev eth0',
      'addr add fd00:10:244::af4:101/128 dev eth0 nodad',
      'link set eth0 up',
      'route add default via 169.254.1.1 dev eth0 onlink',
      'route add default via fe80::1 dev eth0',
    ]);
    expect(parallel.find((s) => s.netns === 'netpol-router')?.lines).to.deep.equal(['route replace 10.244.1.1/32 dev to-bridge', 'route replace fd00:10:244::af4:101/128 dev to-bridge']);
  });

  it('an IPv6 external host: the router holds fe80::1 on its link and routes the /128', () => {
    const { parallel } = addEndpointScripts([planEndpoint(v6host, 2, true)], true);
    expect(parallel.find((s) => s.netns === 'netpol-router')?.lines).to.deep.equal([
      'link set vx2 addrgenmode none',
      'link set vx2 up',
      'addr add 169.254.1.1/32 dev vx2',
      'addr add fe80::1/64 dev vx2 nodad',
      'route replace 2001:db8::5/128 dev vx2',
    ]);
    expect(parallel.find((s) => s.netns === 'ext_v6')?.lines.at(-1)).to.equal('route add default via fe80::1 dev eth0');
  });

  it('without IPv6 in the kernel: IPv4 only, and an IPv6-only host is refused with the reason', () => {
    const { parallel } = addEndpointScripts([planEndpoint(pod, 1, false)], false);
    expect(parallel.flatMap((s) => s.lines).filter((l) => l.includes(':') || l.includes('addrgenmode'))).to.deep.equal([]);
    expect(() => planEndpoint(v6host, 2, false)).to.throw(TargetError, "kernel has no IPv6, and endpoint v6 has only the IPv6 address 2001:db8::5");
    expect(routerSysctlCommand(false)).to.not.include('ipv6');
    expect(routerSysctlCommand(true)).to.include('echo 1 > /proc/sys/net/ipv6/conf/all/forwarding');
    expect(baseLinks(false).flatMap((s) => s.lines).some((l) => l.includes('fe80::1'))).to.equal(false);
  });

  it('removing a pod drops the host routes of both its addresses, and the router forgets their link-layer addresses', () => {
    const { links } = removeEndpointScripts([planEndpoint(pod, 1, true)], true);
    expect(links.find((s) => s.netns === 'netpol-router')?.lines).to.deep.equal([
      'route del 10.244.1.1/32 dev to-bridge',
      'route del fd00:10:244::af4:101/128 dev to-bridge',
      'neigh flush dev to-bridge to 10.244.1.1',
      'neigh flush dev to-bridge to fd00:10:244::af4:101',
    ]);
  });

  it('a kernel without /proc/sys/net/ipv6 lacks IPv6, with the reason', () => {
    expect(ipv6LackingReason('/nonexistent/net/ipv6')).to.match(/^this kernel has no IPv6 \(no \/proc\/sys\/net\/ipv6/);
  });
});
