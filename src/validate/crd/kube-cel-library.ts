// The Kubernetes CEL library functions that CRD validation rules call, written after their
// definitions in k8s.io/apiserver/pkg/cel/library (ip.go, cidr.go). The Network Policy API's rules
// call only isCIDR; isIP comes with it because the two are defined together. Both read text as
// Go's net/netip does: IPv4 strictly dotted decimal (a leading zero is an error), no IPv6 zone,
// a prefix length in plain decimal; host bits beyond the prefix and IPv4-mapped IPv6 are allowed.
import { parseCidr, parseIp } from '../../model/cidr.js';

/** An IPv4 octet with a leading zero, also inside IPv6 text (`::ffff:01.2.3.4`): Go rejects both. */
function leadingZeroOctet(address: string): boolean {
  const dotted = address.slice(address.lastIndexOf(':') + 1);
  return dotted.includes('.') && dotted.split('.').some((octet) => octet.length > 1 && octet.startsWith('0'));
}

/** `isCIDR(string) -> bool` */
export function isCidr(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return false;
  const bits = text.slice(slash + 1);
  if (bits.length > 1 && bits.startsWith('0')) return false;
  return parseCidr(text) !== undefined && !leadingZeroOctet(text.slice(0, slash));
}

/** `isIP(string) -> bool` */
export function isIp(text: string): boolean {
  return parseIp(text) !== undefined && !leadingZeroOctet(text);
}

export const KUBE_CEL_FUNCTIONS = [
  { signature: 'isCIDR(string): bool', handler: isCidr },
  { signature: 'isIP(string): bool', handler: isIp },
] as const;
