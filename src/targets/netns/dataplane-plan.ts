// The shape of the dataplane, as `ip -batch` scripts (pure, so it can be read and tested without
// root). Inside the sandbox:
//
//   pod netns (eth0 = pod IP/32) ──veth── netpol-bridge (br0) ──veth── netpol-router ──veth── external netns
//
// Every endpoint has its addresses as host routes (/32, /128) and a default route to 169.254.1.1
// and to fe80::1, which the router holds on each of its interfaces (the Calico layout): no
// assumption about the pod CIDR, pods and external hosts may have any address. Pods are
// dual-stack (an IPv4 and an IPv6 address); an external host has one address of either family. The
// router forwards between the pod side and each external host with a host route per address and
// never NATs, so ipBlock rules see real sources. IPv6 addresses are added without duplicate
// address detection and links without a link-local address of their own (addrgenmode none): a
// fresh namespace is usable at once, not after a second of DAD. On a kernel without IPv6 the plan
// is IPv4 only.
// Nothing filters on the bridge (that would depend on br_netfilter in the machine's namespace).
import { TargetError } from '../../model/errors.js';
import type { EndpointId, PortSpec } from '../../model/topology.js';
import { ipFamilyOf, type AddressFamily } from './nft-addresses.js';

export const BRIDGE_NS = 'netpol-bridge';
export const ROUTER_NS = 'netpol-router';
export const GATEWAY = '169.254.1.1';
export const GATEWAY6 = 'fe80::1';
/** Where `ip netns add` binds namespaces (iproute2's NETNS_RUN_DIR); a private tmpfs in the sandbox. */
export const NETNS_DIR = '/var/run/netns';
const BRIDGE = 'br0';
const ROUTER_TO_BRIDGE = 'to-bridge';
const BRIDGE_TO_ROUTER = 'to-router';

export type EndpointKind = 'pod' | 'external';

export interface EndpointSpec {
  id: EndpointId;
  kind: EndpointKind;
  /** Its addresses, primary first: one per family at most. */
  ips: readonly string[];
  ports: readonly PortSpec[];
}

export interface EndpointPlan extends EndpointSpec {
  netns: string;
  /** The far end of the endpoint's veth: in the bridge namespace (pods) or the router's (externals). */
  peer: string;
  peerNs: string;
}

/**
 * Namespace name of an endpoint. `_` never occurs in Kubernetes names, so `pod_<ns>_<name>` is
 * unique and readable; very long names fall back to a counter (file names end at 255 bytes).
 */
export function netnsName(kind: EndpointKind, id: EndpointId, serial: number): string {
  const readable = kind === 'pod' ? `pod_${id.replace('/', '_')}` : `ext_${id}`;
  return readable.length <= 200 && /^[A-Za-z0-9._-]+$/.test(readable) ? readable : `${kind}_${serial}`;
}

/** The endpoint's address of a family, if it has one. */
export function addressOf(spec: Pick<EndpointSpec, 'ips'>, family: AddressFamily): string | undefined {
  return spec.ips.find((ip) => ipFamilyOf(ip) === family);
}

/** Interface names are at most 15 bytes and never reused within a sandbox (deletion is async). */
export function planEndpoint(spec: EndpointSpec, serial: number, ipv6: boolean): EndpointPlan {
  if (!ipv6 && addressOf(spec, 4) === undefined) {
    throw new TargetError(`this machine's kernel has no IPv6, and endpoint ${spec.id} has only the IPv6 address ${spec.ips.join(', ')}`);
  }
  return {
    ...spec,
    netns: netnsName(spec.kind, spec.id, serial),
    peer: `${spec.kind === 'pod' ? 'vp' : 'vx'}${serial}`,
    peerNs: spec.kind === 'pod' ? BRIDGE_NS : ROUTER_NS,
  };
}

export interface Script {
  /** `ip -n <netns>`; undefined = the sandbox's own namespace. */
  netns?: string;
  lines: string[];
}

/** Sysctls of the router, written through /proc/sys from inside its namespace. */
export const ROUTER_SYSCTLS: Record<string, string> = {
  'net/ipv4/ip_forward': '1',
  'net/ipv6/conf/all/forwarding': '1',
  // Pods and the router share one segment; redirects would only add noise.
  'net/ipv4/conf/all/send_redirects': '0',
  'net/ipv4/conf/default/send_redirects': '0',
  // Routes are /32 per endpoint; asymmetric paths never occur, but keep rp_filter out of the way.
  'net/ipv4/conf/all/rp_filter': '0',
  'net/ipv4/conf/default/rp_filter': '0',
};

/**
 * The router's own nftables table (IPv6 only): it sends no ICMPv6 redirects. Pods share the bridge,
 * so a packet from one pod to another leaves the router on the link it came in by, and the kernel
 * then tells the sender to go to the destination directly (IPv6 has no `send_redirects` switch, as
 * IPv4 has above). A pod that acts on a redirect keeps the destination pod's link-layer address
 * in its own neighbour cache; once another pod takes that address over (fuzz reuses addresses
 * from one topology to the next), the pod sends to a MAC that is gone until neighbour discovery
 * gives up on it, seconds later. Whether a pod acts on a redirect depends on timing (the kernel
 * drops it while the sending socket is busy in a system call, which is most of the time, and
 * takes it when the machine is loaded), so without this table a readdressed pod was unreachable
 * now and then. With it every pod's traffic goes through the router, which forgets the neighbour
 * entries of every address it drops (removeEndpointScripts).
 */
export const ROUTER_RULESET = [
  'table ip6 netpol-router {',
  '  chain output {',
  '    type filter hook output priority 0; policy accept;',
  '    icmpv6 type nd-redirect drop',
  '  }',
  '}',
  '',
].join('\n');

export function routerSysctlCommand(ipv6: boolean): string {
  return Object.entries(ROUTER_SYSCTLS)
    .filter(([key]) => ipv6 || !key.startsWith('net/ipv6/'))
    .map(([key, value]) => `echo ${value} > /proc/sys/${key}`)
    .join(' && ');
}

/** `addr add` lines for a gateway interface of the router: 169.254.1.1, and fe80::1 with IPv6. */
function gatewayAddresses(dev: string, ipv6: boolean): string[] {
  return [`addr add ${GATEWAY}/32 dev ${dev}`, ...(ipv6 ? [`addr add ${GATEWAY6}/64 dev ${dev} nodad`] : [])];
}

/** A host route for each address of the endpoint, through `dev`. */
function hostRoutes(verb: 'replace' | 'del', ips: readonly string[], dev: string): string[] {
  return ips.map((ip) => `route ${verb} ${ip}/${ipFamilyOf(ip) === 4 ? 32 : 128} dev ${dev}`);
}

/** Step 1 of the base: the two infrastructure namespaces. */
export function baseNamespaces(): Script {
  return { lines: [`netns add ${BRIDGE_NS}`, `netns add ${ROUTER_NS}`] };
}

/** `link set DEV addrgenmode none`: no link-local address (and no DAD) of its own; IPv6 only. */
function noLinkLocal(dev: string, ipv6: boolean): string[] {
  return ipv6 ? [`link set ${dev} addrgenmode none`] : [];
}

/** Step 2 of the base (after the router's sysctls): the bridge and the router's leg on it. */
export function baseLinks(ipv6: boolean): Script[] {
  return [
    { lines: [`link add name ${ROUTER_TO_BRIDGE} netns ${ROUTER_NS} type veth peer name ${BRIDGE_TO_ROUTER} netns ${BRIDGE_NS}`] },
    {
      netns: BRIDGE_NS,
      lines: [
        'link set lo up',
        `link add ${BRIDGE} type bridge`,
        ...noLinkLocal(BRIDGE, ipv6),
        `link set ${BRIDGE} up`,
        `link set ${BRIDGE_TO_ROUTER} master ${BRIDGE}`,
        ...noLinkLocal(BRIDGE_TO_ROUTER, ipv6),
        `link set ${BRIDGE_TO_ROUTER} up`,
      ],
    },
    { netns: ROUTER_NS, lines: ['link set lo up', ...noLinkLocal(ROUTER_TO_BRIDGE, ipv6), `link set ${ROUTER_TO_BRIDGE} up`, ...gatewayAddresses(ROUTER_TO_BRIDGE, ipv6)] },
  ];
}

/** The addresses of an endpoint this machine can build: without IPv6, its IPv4 address only. */
export function buildable(ips: readonly string[], ipv6: boolean): string[] {
  return ipv6 ? [...ips] : ips.filter((ip) => ipFamilyOf(ip) === 4);
}

/** Scripts that create endpoints: first the sandbox-level one, then the rest in parallel. */
export function addEndpointScripts(plans: readonly EndpointPlan[], ipv6: boolean): { first: Script; parallel: Script[] } {
  const first: Script = {
    lines: [
      ...plans.map((p) => `netns add ${p.netns}`),
      ...plans.map((p) => `link add name eth0 netns ${p.netns} type veth peer name ${p.peer} netns ${p.peerNs}`),
    ],
  };
  const pods = plans.filter((p) => p.kind === 'pod');
  const externals = plans.filter((p) => p.kind === 'external');
  const parallel: Script[] = [];
  if (pods.length > 0) parallel.push({ netns: BRIDGE_NS, lines: pods.flatMap((p) => [`link set ${p.peer} master ${BRIDGE}`, ...noLinkLocal(p.peer, ipv6), `link set ${p.peer} up`]) });
  const routerLines = [
    ...pods.flatMap((p) => hostRoutes('replace', buildable(p.ips, ipv6), ROUTER_TO_BRIDGE)),
    ...externals.flatMap((p) => [...noLinkLocal(p.peer, ipv6), `link set ${p.peer} up`, ...gatewayAddresses(p.peer, ipv6), ...hostRoutes('replace', buildable(p.ips, ipv6), p.peer)]),
  ];
  if (routerLines.length > 0) parallel.push({ netns: ROUTER_NS, lines: routerLines });
  for (const p of plans) {
    const ips = buildable(p.ips, ipv6);
    const v4 = ips.filter((ip) => ipFamilyOf(ip) === 4);
    const v6 = ips.filter((ip) => ipFamilyOf(ip) === 6);
    parallel.push({
      netns: p.netns,
      lines: [
        'link set lo up',
        ...noLinkLocal('eth0', ipv6),
        ...v4.map((ip) => `addr add ${ip}/32 dev eth0`),
        ...v6.map((ip) => `addr add ${ip}/128 dev eth0 nodad`),
        'link set eth0 up',
        ...(v4.length > 0 ? [`route add default via ${GATEWAY} dev eth0 onlink`] : []),
        ...(v6.length > 0 ? [`route add default via ${GATEWAY6} dev eth0`] : []),
      ],
    });
  }
  return { first, parallel };
}

/**
 * Scripts that remove endpoints. Deleting the far end of a veth destroys the pair at once (a
 * namespace itself is freed only when its last process is gone, which is asynchronous). The
 * router forgets the link-layer address of every pod address it drops: a later pod with the same
 * address (fuzz reuses addresses from one topology to the next) would otherwise get nothing over
 * IPv6 for up to a minute, sent to the old pod's MAC until neighbour discovery gives up on it
 * (IPv4 heals at once, as the new pod's ARP for the gateway teaches the router its MAC).
 */
export function removeEndpointScripts(plans: readonly EndpointPlan[], ipv6: boolean): { links: Script[]; namespaces: Script } {
  const pods = plans.filter((p) => p.kind === 'pod');
  const externals = plans.filter((p) => p.kind === 'external');
  const links: Script[] = [];
  if (pods.length > 0) links.push({ netns: BRIDGE_NS, lines: pods.map((p) => `link del ${p.peer}`) });
  const routerLines = [
    ...pods.flatMap((p) => [...hostRoutes('del', buildable(p.ips, ipv6), ROUTER_TO_BRIDGE), ...buildable(p.ips, ipv6).map((ip) => `neigh flush dev ${ROUTER_TO_BRIDGE} to ${ip}`)]),
    ...externals.map((p) => `link del ${p.peer}`),
  ];
  if (routerLines.length > 0) links.push({ netns: ROUTER_NS, lines: routerLines });
  return { links, namespaces: { lines: plans.map((p) => `netns del ${p.netns}`) } };
}

export function netnsPath(name: string): string {
  return `${NETNS_DIR}/${name}`;
}

/** `ip` arguments that run a script. */
export function ipArgs(script: Script): string[] {
  return [...(script.netns ? ['-n', script.netns] : []), '-batch', '-'];
}
