// Address arithmetic for the nft compiler: ipBlock ranges in canonical form (host bits cleared,
// as the API server normalises them; Antrea once failed to match `10.10.1.12/24`), and the set of
// excluded ranges written so nft accepts it (an anonymous interval set must not overlap).
import { cidrContains, familyWidth, formatCidr, formatIp, parseCidr, parseIp, type Cidr } from '../../model/cidr.js';
import { InputError } from '../../model/errors.js';
import type { IPBlock } from '../../model/api.js';

export type AddressFamily = 4 | 6;

export function ipFamilyOf(ip: string): AddressFamily {
  const parsed = parseIp(ip);
  if (!parsed) throw new InputError(`"${ip}" is not an IP address`);
  return parsed.family;
}

export interface IpBlockRange {
  family: AddressFamily;
  /** Canonical CIDR text. */
  cidr: string;
  block: Cidr;
  excepts: Cidr[];
  /** In the cidr and in none of the excepts. */
  contains(ip: string): boolean;
}

function parse(text: string, where: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new InputError(`${where}: ipBlock "${text}" is not a CIDR`);
  return cidr;
}

export function ipBlockRange(ipBlock: IPBlock, where: string): IpBlockRange {
  const block = parse(ipBlock.cidr, where);
  const excepts = (ipBlock.except ?? []).map((e) => parse(e, where)).filter((e) => e.family === block.family);
  return {
    family: block.family,
    cidr: formatCidr(block),
    block,
    excepts,
    contains(ip: string): boolean {
      const addr = parseIp(ip);
      return addr !== undefined && cidrContains(block, addr) && !excepts.some((e) => cidrContains(e, addr));
    },
  };
}

function hostCidr(ip: string): Cidr | undefined {
  const addr = parseIp(ip);
  if (!addr) return undefined;
  return { family: addr.family, network: addr.value, prefix: familyWidth(addr.family), hostBitsSet: false, leadingZeros: false, ipv4Mapped: false };
}

/** A host route prints as its address alone, like nft itself lists it. */
function formatElement(cidr: Cidr): string {
  return cidr.prefix === familyWidth(cidr.family) ? formatIp(cidr.family, cidr.network) : formatCidr(cidr);
}

/**
 * The ranges to carve out of an ipBlock: its excepts plus `extraIps` (pod addresses, when ipBlock
 * must not match pods) that fall inside the block. Two CIDRs either nest or are disjoint, so
 * keeping only the outermost ones leaves a set without overlaps.
 */
export function excludedSet(range: IpBlockRange, extraIps: readonly string[]): string[] {
  const within = (c: Cidr): boolean => c.family === range.family && cidrContains(range.block, { family: c.family, value: c.network, leadingZeros: false, ipv4Mapped: false });
  // An except outside the block excludes nothing (validation rejects it anyway).
  const candidates = range.excepts.filter(within);
  for (const ip of extraIps) {
    const host = hostCidr(ip);
    if (host && within(host)) candidates.push(host);
  }
  const kept: Cidr[] = [];
  for (const cidr of [...candidates].sort((a, b) => a.prefix - b.prefix)) {
    const inside = kept.some((k) => cidrContains(k, { family: cidr.family, value: cidr.network, leadingZeros: false, ipv4Mapped: false }));
    if (!inside) kept.push(cidr);
  }
  return kept.map(formatElement).sort();
}

/** `ip saddr` / `ip6 daddr` ...: the address on the far side of the pod for this direction. */
export function addressField(family: AddressFamily, direction: 'ingress' | 'egress'): string {
  return `${family === 4 ? 'ip' : 'ip6'} ${direction === 'ingress' ? 'saddr' : 'daddr'}`;
}

/** One element as itself, several as an anonymous set. */
export function nftSet(elements: readonly string[]): string {
  return elements.length === 1 ? (elements[0] ?? '') : `{ ${elements.join(', ')} }`;
}

/** nft comments are at most 128 bytes; they only help a person reading `nft list ruleset`. */
export function comment(text: string): string {
  const safe = text.replace(/["\\]/g, '');
  return `comment "${safe.length > 120 ? `${safe.slice(0, 117)}...` : safe}"`;
}
