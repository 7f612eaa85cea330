// The shape of the dataplane, as `ip -batch` scripts (pure, so it can be read and tested without
// root). Inside the sandbox:
//
//   pod netns (eth0 = pod IP/32) ──veth── netpol-bridge (br0) ──veth── netpol-router ──veth── external netns
//
// Every endpoint has its address as a /32 and a default route to 169.254.1.1, which the router
// holds on each of its interfaces (the Calico layout): no assumption about the pod CIDR, pods
// and external hosts may have any IPv4 address. The router forwards between the pod side and each
// external host with a /32 route per endpoint and never NATs, so ipBlock rules see real sources.
// Nothing filters on the bridge (that would depend on br_netfilter in the machine's namespace).
import { TargetError } from '../../model/errors.js';
import type { EndpointId, PortSpec } from '../../model/topology.js';
import { ipFamilyOf } from './nft-addresses.js';

export const BRIDGE_NS = 'netpol-bridge';
export const ROUTER_NS = 'netpol-router';
export const GATEWAY = '169.254.1.1';
/** Where `ip netns add` binds namespaces (iproute2's NETNS_RUN_DIR); a private tmpfs in the sandbox. */
export const NETNS_DIR = '/var/run/netns';
const BRIDGE = 'br0';
const ROUTER_TO_BRIDGE = 'to-bridge';
const BRIDGE_TO_ROUTER = 'to-router';

export type EndpointKind = 'pod' | 'external';

export interface EndpointSpec {
  id: EndpointId;
  kind: EndpointKind;
  ip: string;
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

/** Interface names are at most 15 bytes and never reused within a sandbox (deletion is async). */
export function planEndpoint(spec: EndpointSpec, serial: number): EndpointPlan {
  if (ipFamilyOf(spec.ip) !== 4) {
    throw new TargetError(`the netns target builds IPv4 only; endpoint ${spec.id} has address ${spec.ip}`);
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
  // Pods and the router share one segment; redirects would only add noise.
  'net/ipv4/conf/all/send_redirects': '0',
  'net/ipv4/conf/default/send_redirects': '0',
  // Routes are /32 per endpoint; asymmetric paths never occur, but keep rp_filter out of the way.
  'net/ipv4/conf/all/rp_filter': '0',
  'net/ipv4/conf/default/rp_filter': '0',
};

export function routerSysctlCommand(): string {
  return Object.entries(ROUTER_SYSCTLS)
    .map(([key, value]) => `echo ${value} > /proc/sys/${key}`)
    .join(' && ');
}

/** Step 1 of the base: the two infrastructure namespaces. */
export function baseNamespaces(): Script {
  return { lines: [`netns add ${BRIDGE_NS}`, `netns add ${ROUTER_NS}`] };
}

/** Step 2 of the base (after the router's sysctls): the bridge and the router's leg on it. */
export function baseLinks(): Script[] {
  return [
    { lines: [`link add name ${ROUTER_TO_BRIDGE} netns ${ROUTER_NS} type veth peer name ${BRIDGE_TO_ROUTER} netns ${BRIDGE_NS}`] },
    {
      netns: BRIDGE_NS,
      lines: ['link set lo up', `link add ${BRIDGE} type bridge`, `link set ${BRIDGE} up`, `link set ${BRIDGE_TO_ROUTER} master ${BRIDGE}`, `link set ${BRIDGE_TO_ROUTER} up`],
    },
    { netns: ROUTER_NS, lines: ['link set lo up', `link set ${ROUTER_TO_BRIDGE} up`, `addr add ${GATEWAY}/32 dev ${ROUTER_TO_BRIDGE}`] },
  ];
}

/** Scripts that create endpoints: first the sandbox-level one, then the rest in parallel. */
export function addEndpointScripts(plans: readonly EndpointPlan[]): { first: Script; parallel: Script[] } {
  const first: Script = {
    lines: [
      ...plans.map((p) => `netns add ${p.netns}`),
      ...plans.map((p) => `link add name eth0 netns ${p.netns} type veth peer name ${p.peer} netns ${p.peerNs}`),
    ],
  };
  const pods = plans.filter((p) => p.kind === 'pod');
  const externals = plans.filter((p) => p.kind === 'external');
  const parallel: Script[] = [];
  if (pods.length > 0) parallel.push({ netns: BRIDGE_NS, lines: pods.flatMap((p) => [`link set ${p.peer} master ${BRIDGE}`, `link set ${p.peer} up`]) });
  const routerLines = [
    ...pods.map((p) => `route replace ${p.ip}/32 dev ${ROUTER_TO_BRIDGE}`),
    ...externals.flatMap((p) => [`link set ${p.peer} up`, `addr add ${GATEWAY}/32 dev ${p.peer}`, `route replace ${p.ip}/32 dev ${p.peer}`]),
  ];
  if (routerLines.length > 0) parallel.push({ netns: ROUTER_NS, lines: routerLines });
  for (const p of plans) {
    parallel.push({
      netns: p.netns,
      lines: ['link set lo up', `addr add ${p.ip}/32 dev eth0`, 'link set eth0 up', `route add default via ${GATEWAY} dev eth0 onlink`],
    });
  }
  return { first, parallel };
}

/**
 * Scripts that remove endpoints. Deleting the far end of a veth destroys the pair at once (a
 * namespace itself is freed only when its last process is gone, which is asynchronous).
 */
export function removeEndpointScripts(plans: readonly EndpointPlan[]): { links: Script[]; namespaces: Script } {
  const pods = plans.filter((p) => p.kind === 'pod');
  const externals = plans.filter((p) => p.kind === 'external');
  const links: Script[] = [];
  if (pods.length > 0) links.push({ netns: BRIDGE_NS, lines: pods.map((p) => `link del ${p.peer}`) });
  const routerLines = [...pods.map((p) => `route del ${p.ip}/32 dev ${ROUTER_TO_BRIDGE}`), ...externals.map((p) => `link del ${p.peer}`)];
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
