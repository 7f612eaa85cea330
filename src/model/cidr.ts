// IP addresses and CIDRs as the API server reads them. IPv4 is parsed by hand because Go (and so
// Kubernetes) reads only dotted decimal, where leading zeros are decimal ("010" is ten), whereas
// general-purpose parsers read them as octal. IPv6 text is parsed by ipaddr.js.
import ipaddr from 'ipaddr.js';

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  value: bigint;
  /** Text had a leading zero in an IPv4 octet (rejected by strict validation). */
  leadingZeros: boolean;
  /** IPv6 text that is an IPv4-mapped address (::ffff:a.b.c.d), rejected by strict validation. */
  ipv4Mapped: boolean;
}

export interface Cidr {
  family: IpFamily;
  /** Network address with host bits cleared. */
  network: bigint;
  prefix: number;
  /** The address as written had bits set beyond the prefix (e.g. 10.10.1.12/24). */
  hostBitsSet: boolean;
  leadingZeros: boolean;
  ipv4Mapped: boolean;
}

const IPV4_OCTET = /^\d{1,3}$/;

function parseIpv4(text: string): IpAddress | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  let leadingZeros = false;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    if (part.length > 1 && part.startsWith('0')) leadingZeros = true;
    value = (value << 8n) | BigInt(n);
  }
  return { family: 4, value, leadingZeros, ipv4Mapped: false };
}

function parseIpv6(text: string): IpAddress | undefined {
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const addr = ipaddr.IPv6.parse(text);
  let value = 0n;
  for (const part of addr.parts) value = (value << 16n) | BigInt(part);
  return { family: 6, value, leadingZeros: false, ipv4Mapped: addr.isIPv4MappedAddress() };
}

export function parseIp(text: string): IpAddress | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

export function familyWidth(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const width = familyWidth(addr.family);
  if (prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  const network = (addr.value >> hostBits) << hostBits;
  return {
    family: addr.family,
    network,
    prefix,
    hostBitsSet: network !== addr.value,
    leadingZeros: addr.leadingZeros,
    ipv4Mapped: addr.ipv4Mapped,
  };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt(familyWidth(cidr.family) - cidr.prefix);
  return ip.value >> hostBits === cidr.network >> hostBits;
}

/** True when `inner` lies inside `outer` and is smaller than it (the rule for ipBlock.except). */
export function isStrictSubset(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family && inner.prefix > outer.prefix && cidrContains(outer, { ...inner, value: inner.network });
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  }
  const parts: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) parts.push(Number((value >> s) & 0xffffn));
  return ipaddr.IPv6.parse(parts.map((p) => p.toString(16)).join(':')).toString();
}

/** The canonical text of a CIDR: host bits cleared, shortest form. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.family, cidr.network)}/${cidr.prefix}`;
}
