// docs/semantics.md "Peers" (ipBlock): cidr and except, IPv4 and IPv6, host bits normalised, an address
// excluded by one except still allowed by another peer or policy, and the implementation-defined
// choice of whether ipBlock matches pod IPs (option ipBlockMatchesPodIps, default true).
// Addresses: x/a 10.1.0.1 ... z/c 10.3.0.3; backup 192.168.5.10, laptop 192.168.5.20,
// remote 203.0.113.7, v6host 2001:db8::10.
import { describe } from 'node:test';
import type { IPBlock, KubeObject } from '../../src/model/api.js';
import { BASE, netpol, ns, pod, runCases, type EngineCase } from './cases.js';

const a = { matchLabels: { pod: 'a' } };
const ingressFromBlocks = (...blocks: IPBlock[]) => [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: blocks.map((ipBlock) => ({ ipBlock })) }] })];
const egressToBlocks = (...blocks: IPBlock[]) => [...BASE, netpol('x', 'p', { podSelector: a, policyTypes: ['Egress'], egress: [{ to: blocks.map((ipBlock) => ({ ipBlock })) }] })];

/** A dual-stack-like cluster: pods with IPv6 addresses. */
const V6: KubeObject[] = [
  ns('v'),
  pod('v', 'a', { pod: 'a' }, [], 'fd00:10::1'),
  pod('v', 'b', { pod: 'b' }, [], 'fd00:10::2'),
  pod('v', 'c', { pod: 'c' }, [], 'fd00:20::3'),
];
const v6Ingress = (ipBlock: IPBlock) => [...V6, netpol('v', 'p', { podSelector: a, ingress: [{ from: [{ ipBlock }] }] })];

const cases: EngineCase[] = [
  // IPv4, external hosts.
  { description: 'cidr /32 of the host', objects: ingressFromBlocks({ cidr: '192.168.5.10/32' }), flow: 'backup -> x/a 80/TCP', expected: 'allowed' },
  { description: 'cidr /32 of another host', objects: ingressFromBlocks({ cidr: '192.168.5.10/32' }), flow: 'laptop -> x/a 80/TCP', expected: 'denied' },
  { description: 'cidr /24 containing the host', objects: ingressFromBlocks({ cidr: '192.168.5.0/24' }), flow: 'laptop -> x/a 80/TCP', expected: 'allowed' },
  { description: 'cidr /24 not containing the host', objects: ingressFromBlocks({ cidr: '192.168.5.0/24' }), flow: 'remote -> x/a 80/TCP', expected: 'denied' },
  { description: 'except excludes an address', objects: ingressFromBlocks({ cidr: '192.168.5.0/24', except: ['192.168.5.16/28'] }), flow: 'laptop -> x/a 80/TCP', expected: 'denied' },
  { description: 'except leaves the rest of the cidr', objects: ingressFromBlocks({ cidr: '192.168.5.0/24', except: ['192.168.5.16/28'] }), flow: 'backup -> x/a 80/TCP', expected: 'allowed' },
  { description: 'several excepts', objects: ingressFromBlocks({ cidr: '192.168.0.0/16', except: ['192.168.4.0/24', '192.168.5.10/32'] }), flow: 'backup -> x/a 80/TCP', expected: 'denied' },
  { description: '0.0.0.0/0 matches every IPv4 address', objects: ingressFromBlocks({ cidr: '0.0.0.0/0' }), flow: 'remote -> x/a 80/TCP', expected: 'allowed' },
  { description: '0.0.0.0/0 never matches an IPv6 address', objects: ingressFromBlocks({ cidr: '0.0.0.0/0' }), flow: 'v6host -> x/a 80/TCP', expected: 'denied' },
  { description: 'egress to an ipBlock', objects: egressToBlocks({ cidr: '192.168.5.10/32' }), flow: 'x/a -> backup 80/TCP', expected: 'allowed' },
  { description: 'egress to an address outside the ipBlock', objects: egressToBlocks({ cidr: '192.168.5.10/32' }), flow: 'x/a -> remote 80/TCP', expected: 'denied' },
  { description: 'egress to an address in except', objects: egressToBlocks({ cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] }), flow: 'x/a -> laptop 80/TCP', expected: 'denied' },

  // Host bits set beyond the prefix: normalised to the network (Antrea once failed this).
  { description: 'cidr with host bits set matches its network', objects: ingressFromBlocks({ cidr: '192.168.5.77/24' }), flow: 'laptop -> x/a 80/TCP', expected: 'allowed' },
  { description: 'except with host bits set excludes its network', objects: ingressFromBlocks({ cidr: '192.168.5.0/24', except: ['192.168.5.21/28'] }), flow: 'laptop -> x/a 80/TCP', expected: 'denied' },

  // Excluded by one except, allowed by another peer or policy.
  { description: 'excepted address allowed by a second ipBlock peer', objects: ingressFromBlocks({ cidr: '192.168.5.0/24', except: ['192.168.5.20/32'] }, { cidr: '192.168.5.20/32' }), flow: 'laptop -> x/a 80/TCP', expected: 'allowed' },
  {
    description: 'excepted address allowed by another policy',
    objects: [...ingressFromBlocks({ cidr: '192.168.5.0/24', except: ['192.168.5.20/32'] }), netpol('x', 'q', { podSelector: a, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }] })],
    flow: 'laptop -> x/a 80/TCP',
    expected: 'allowed',
  },
  {
    description: 'excepted pod address allowed by a selector peer',
    objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.2.0.0/16'] } }, { namespaceSelector: { matchLabels: { ns: 'y' } } }] }] })],
    flow: 'y/b -> x/a 80/TCP',
    expected: 'allowed',
  },

  // IPv6.
  { description: 'IPv6 cidr containing the host', objects: ingressFromBlocks({ cidr: '2001:db8::/64' }), flow: 'v6host -> x/a 80/TCP', expected: 'allowed' },
  { description: 'IPv6 /128', objects: ingressFromBlocks({ cidr: '2001:db8::10/128' }), flow: 'v6host -> x/a 80/TCP', expected: 'allowed' },
  { description: 'IPv6 except', objects: ingressFromBlocks({ cidr: '2001:db8::/64', except: ['2001:db8::/120'] }), flow: 'v6host -> x/a 80/TCP', expected: 'denied' },
  { description: 'IPv6 cidr with host bits set is normalised', objects: ingressFromBlocks({ cidr: '2001:db8::ffff/64' }), flow: 'v6host -> x/a 80/TCP', expected: 'allowed' },
  { description: 'IPv6 cidr in expanded form', objects: ingressFromBlocks({ cidr: '2001:0db8:0000:0000:0000:0000:0000:0000/64' }), flow: 'v6host -> x/a 80/TCP', expected: 'allowed' },
  { description: '::/0 never matches an IPv4 address', objects: ingressFromBlocks({ cidr: '::/0' }), flow: 'remote -> x/a 80/TCP', expected: 'denied' },
  { description: 'IPv6 pods: ipBlock matches a pod address', objects: v6Ingress({ cidr: 'fd00:10::/64' }), externals: [], flow: 'v/b -> v/a 80/TCP', expected: 'allowed' },
  { description: 'IPv6 pods: outside the cidr', objects: v6Ingress({ cidr: 'fd00:10::/64' }), externals: [], flow: 'v/c -> v/a 80/TCP', expected: 'denied' },
  { description: 'IPv6 pods: except', objects: v6Ingress({ cidr: 'fd00::/16', except: ['fd00:10::2/128'] }), externals: [], flow: 'v/b -> v/a 80/TCP', expected: 'denied' },
  { description: 'IPv6 pods: outside except', objects: v6Ingress({ cidr: 'fd00::/16', except: ['fd00:10::2/128'] }), externals: [], flow: 'v/c -> v/a 80/TCP', expected: 'allowed' },

  // Dual-stack: every pod has an IPv4 and an IPv6 address (x/a 10.1.0.1 and fd00:10:244::a01:1, ...);
  // a flow travels in one family, and an ipBlock matches the address of that family only.
  { description: 'dual-stack: an IPv6 block matches a pod over IPv6', objects: ingressFromBlocks({ cidr: 'fd00:10:244::/64' }), flow: 'y/b -> x/a 80/TCP over IPv6', expected: 'allowed' },
  { description: 'dual-stack: the same block does not match the same pod over IPv4', objects: ingressFromBlocks({ cidr: 'fd00:10:244::/64' }), flow: 'y/b -> x/a 80/TCP over IPv4', expected: 'denied' },
  { description: 'dual-stack: pod to pod goes over IPv4 by default', objects: ingressFromBlocks({ cidr: 'fd00:10:244::/64' }), flow: 'y/b -> x/a 80/TCP', expected: 'denied' },
  { description: 'dual-stack: an IPv4 block does not match over IPv6', objects: ingressFromBlocks({ cidr: '10.0.0.0/8' }), flow: 'y/b -> x/a 80/TCP over IPv6', expected: 'denied' },
  { description: 'dual-stack: IPv6 except of one pod', objects: ingressFromBlocks({ cidr: 'fd00:10:244::/64', except: ['fd00:10:244::a02:2/128'] }), flow: 'y/b -> x/a 80/TCP over IPv6', expected: 'denied' },
  { description: 'dual-stack: a pod reaches an IPv6 host over IPv6', objects: egressToBlocks({ cidr: '2001:db8::/64' }), flow: 'x/a -> v6host 80/TCP', expected: 'allowed' },
  { description: 'dual-stack: egress to ::/0 does not allow IPv4 hosts', objects: egressToBlocks({ cidr: '::/0' }), flow: 'x/a -> remote 80/TCP', expected: 'denied' },
  { description: 'dual-stack: --no-ipblock-pod-ips holds over IPv6 too', objects: ingressFromBlocks({ cidr: 'fd00::/8' }), options: { ipBlockMatchesPodIps: false }, flow: 'y/b -> x/a 80/TCP over IPv6', expected: 'denied' },

  // ipBlock and pod IPs: matches by default (upstream e2e expects it) ...
  { description: 'ipBlock matches pod IPs by default', objects: ingressFromBlocks({ cidr: '10.2.0.0/16' }), flow: 'y/c -> x/a 80/TCP', expected: 'allowed' },
  { description: 'ipBlock matches pod IPs by default, except applies', objects: ingressFromBlocks({ cidr: '10.2.0.0/16', except: ['10.2.0.3/32'] }), flow: 'y/c -> x/a 80/TCP', expected: 'denied' },
  { description: 'ipBlock egress matches a pod IP by default', objects: egressToBlocks({ cidr: '10.3.0.2/32' }), flow: 'x/a -> z/b 80/TCP', expected: 'allowed' },
  { description: 'ipBlockMatchesPodIps: true, explicitly', objects: ingressFromBlocks({ cidr: '10.2.0.0/16' }), options: { ipBlockMatchesPodIps: true }, flow: 'y/a -> x/a 80/TCP', expected: 'allowed' },
  // ... and not with the option off (as Cilium), while external hosts still match.
  { description: 'ipBlockMatchesPodIps: false, pod source', objects: ingressFromBlocks({ cidr: '10.2.0.0/16' }), options: { ipBlockMatchesPodIps: false }, flow: 'y/c -> x/a 80/TCP', expected: 'denied' },
  { description: 'ipBlockMatchesPodIps: false, pod destination', objects: egressToBlocks({ cidr: '10.0.0.0/8' }), options: { ipBlockMatchesPodIps: false }, flow: 'x/a -> z/b 80/TCP', expected: 'denied' },
  { description: 'ipBlockMatchesPodIps: false, external hosts still match', objects: ingressFromBlocks({ cidr: '0.0.0.0/0' }), options: { ipBlockMatchesPodIps: false }, flow: 'backup -> x/a 80/TCP', expected: 'allowed' },
  {
    description: 'ipBlockMatchesPodIps: false, selector peers unaffected',
    objects: [...BASE, netpol('x', 'p', { podSelector: a, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { podSelector: { matchLabels: { pod: 'b' } } }] }] })],
    options: { ipBlockMatchesPodIps: false },
    flow: 'x/b -> x/a 80/TCP',
    expected: 'allowed',
  },
];

describe('engine: ipBlock', () => runCases(cases));
