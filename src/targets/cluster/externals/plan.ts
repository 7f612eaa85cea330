// Where each external host goes. A declared IPv4 address gets a docker network for its /24 (the
// kind nodes join it, so the address is reachable from pods). An address that cannot be used
// (inside the pod or service network, loopback, IPv6, or its /24 already taken by another docker
// network) runs at an address docker picks, and the fixture's /32 is bound to it (policy-rewrite).
import { cidrContains, formatCidr, formatIp, parseCidr, parseIp, type Cidr } from '../../../model/cidr.js';
import type { ExternalHost } from '../../../model/topology.js';

export interface NetworkPlan {
  /** e.g. 192.168.5.0/24 */
  subnet: string;
  gateway: string;
  hosts: { host: ExternalHost; ip: string }[];
}

export interface ExternalPlan {
  networks: NetworkPlan[];
  /** Hosts that run at a docker-chosen address, with the reason. */
  unbound: { host: ExternalHost; reason: string }[];
}

export interface PlanContext {
  podCidr: string;
  serviceCidr: string;
  /** Subnets of existing docker networks (kind's own among them). */
  takenSubnets: readonly string[];
}

function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const prefix = Math.min(a.prefix, b.prefix);
  const width = a.family === 4 ? 32 : 128;
  const shift = BigInt(width - prefix);
  return a.network >> shift === b.network >> shift;
}

export function planExternals(hosts: readonly ExternalHost[], ctx: PlanContext): ExternalPlan {
  const reserved = [ctx.podCidr, ctx.serviceCidr].map((c) => parseCidr(c)).filter((c): c is Cidr => c !== undefined);
  const taken = ctx.takenSubnets.map((c) => parseCidr(c)).filter((c): c is Cidr => c !== undefined);
  const networks = new Map<string, NetworkPlan>();
  const unbound: ExternalPlan['unbound'] = [];
  for (const host of hosts) {
    const ip = parseIp(host.ip);
    if (!ip || ip.family !== 4) {
      unbound.push({ host, reason: `${host.ip} is not an IPv4 address` });
      continue;
    }
    const octet = Number((ip.value >> 24n) & 0xffn);
    const last = Number(ip.value & 0xffn);
    if (octet === 127 || octet === 0 || octet >= 224 || last === 0 || last === 255) {
      unbound.push({ host, reason: `${host.ip} cannot be given to a container` });
      continue;
    }
    const inside = reserved.find((r) => cidrContains(r, ip));
    if (inside) {
      unbound.push({ host, reason: `${host.ip} lies inside the cluster network ${formatCidr(inside)}` });
      continue;
    }
    const subnet: Cidr = { family: 4, network: ip.value & ~0xffn, prefix: 24, hostBitsSet: false, leadingZeros: false, ipv4Mapped: false };
    const key = formatCidr(subnet);
    const clash = taken.find((t) => overlaps(t, subnet));
    if (clash) {
      unbound.push({ host, reason: `its subnet ${key} overlaps the docker network ${formatCidr(clash)}` });
      continue;
    }
    const plan = networks.get(key) ?? { subnet: key, gateway: '', hosts: [] };
    if (plan.hosts.some((h) => h.ip === host.ip)) {
      unbound.push({ host, reason: `${host.ip} is declared twice` });
      continue;
    }
    plan.hosts.push({ host, ip: host.ip });
    networks.set(key, plan);
  }
  for (const plan of networks.values()) {
    // The gateway (the docker host's address on the network) must not take a declared address.
    const base = (parseCidr(plan.subnet) as Cidr).network;
    const used = new Set(plan.hosts.map((h) => h.ip));
    const candidates = [1n, 254n, ...Array.from({ length: 252 }, (_, i) => BigInt(i + 2))];
    plan.gateway = candidates.map((n) => formatIp(4, base + n)).find((g) => !used.has(g)) ?? formatIp(4, base + 1n);
  }
  return { networks: [...networks.values()], unbound };
}
