// IP and CIDR fields, as upstream's IsValidIPForLegacyField / IsValidCIDRForLegacyField
// (pkg/apis/core/validation/ips.go). Strict validation (StrictIPCIDRValidation, on by default since
// Kubernetes 1.36) rejects leading zeros, IPv4-mapped IPv6 and CIDRs with host bits set; older
// servers accepted them and answered with a warning, which is what `strict: false` reproduces.
import { formatCidr, formatIp, parseCidr, parseIp, type Cidr } from '../model/cidr.js';
import { invalid, type FieldError } from './field-errors.js';

export interface Checked<T> {
  /** Set whenever the text parses at all, as upstream's "sloppy" parse (later checks still run). */
  parsed?: T;
  errors: FieldError[];
  warnings: FieldError[];
}

export function checkIp(field: string, value: string, strict: boolean): Checked<bigint> {
  const ip = parseIp(value);
  if (!ip) return { errors: [invalid(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')], warnings: [] };
  const flaws: string[] = [];
  if (ip.leadingZeros) flaws.push('must not have leading 0s');
  if (ip.ipv4Mapped) flaws.push('must not be an IPv4-mapped IPv6 address');
  if (flaws.length === 0) return { parsed: ip.value, errors: [], warnings: [] };
  if (strict) return { parsed: ip.value, errors: flaws.map((m) => invalid(field, value, m)), warnings: [] };
  const preferred = formatIp(ip.family, ip.value);
  return {
    parsed: ip.value,
    errors: [],
    warnings: [invalid(field, value, `non-standard IP address will be considered invalid in a future Kubernetes release: use "${preferred}"`)],
  };
}

export function checkCidr(field: string, value: string, strict: boolean): Checked<Cidr> {
  const cidr = parseCidr(value);
  if (!cidr) return { errors: [invalid(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')], warnings: [] };
  const prefixText = value.slice(value.indexOf('/') + 1);
  const leadingZeros = cidr.leadingZeros || (prefixText.length > 1 && prefixText.startsWith('0'));
  if (strict) {
    // Upstream reports only the first of these flaws (netip.ParsePrefix fails on leading zeros first).
    const flaw = leadingZeros
      ? 'must not have leading 0s in IP or prefix length'
      : cidr.ipv4Mapped
        ? 'must not have an IPv4-mapped IPv6 address'
        : cidr.hostBitsSet
          ? 'must not have bits set beyond the prefix length'
          : undefined;
    return { parsed: cidr, errors: flaw ? [invalid(field, value, flaw)] : [], warnings: [] };
  }
  const warnings: FieldError[] = [];
  if (cidr.hostBitsSet) {
    const address = parseIp(value.slice(0, value.indexOf('/')));
    const single = address ? `${formatIp(address.family, address.value)}/${cidr.family === 4 ? 32 : 128}` : value;
    warnings.push(invalid(field, value, `CIDR value is ambiguous in this context (should be "${formatCidr(cidr)}" or "${single}"?)`));
  }
  if (leadingZeros || cidr.ipv4Mapped) {
    warnings.push(invalid(field, value, `non-standard CIDR value will be considered invalid in a future Kubernetes release: use "${formatCidr(cidr)}"`));
  }
  return { parsed: cidr, errors: [], warnings };
}
