// Address templates in policy text: `{{ip y/b}}` is the address of pod y/b (or of an external host),
// `{{net x/b 16}}` the network of that prefix length that contains it; `{{ip6 y/b}}` and
// `{{net6 x/b 64}}` the same for its IPv6 address (pods are dual-stack). Templates are expanded
// against the topology as built, so on a real cluster they name the pods' real addresses.
import { formatCidr, parseCidr } from './cidr.js';
import { InputError } from './errors.js';
import { addressOfFamily, findEndpoint, type Topology } from './topology.js';

const TEMPLATE = /\{\{\s*(ip6?|net6?)\s+([^\s}]+)(?:\s+(\d+))?\s*\}\}/g;

export function expandTemplates(text: string, topology: Topology, where: string): string {
  return text.replace(TEMPLATE, (whole, fn: string, endpoint: string, prefix: string | undefined) => {
    const found = findEndpoint(topology, endpoint);
    if (found === undefined) throw new InputError(`${where}: ${whole} names unknown endpoint "${endpoint}"`);
    const ip = fn.endsWith('6') ? addressOfFamily(found, 6) : found.ip;
    if (ip === undefined) throw new InputError(`${where}: ${whole}: ${endpoint} has no IPv6 address`);
    if (fn.startsWith('ip')) return ip;
    if (prefix === undefined) throw new InputError(`${where}: ${whole} needs a prefix length ({{net ${endpoint} 16}})`);
    const cidr = parseCidr(`${ip}/${prefix}`);
    if (!cidr) throw new InputError(`${where}: ${whole}: /${prefix} is not a valid prefix for ${ip}`);
    return formatCidr(cidr);
  });
}

export function hasTemplates(text: string): boolean {
  return new RegExp(TEMPLATE.source).test(text);
}
