// NetworkPolicy spec validation, check for check and word for word as upstream's
// ValidateNetworkPolicySpec (pkg/apis/networking/validation/validation.go), in the same order:
// podSelector, then each ingress rule (ports, then from), each egress rule (ports, then to), then
// policyTypes.
import { PROTOCOLS, type IPBlock, type NetworkPolicyPeer, type NetworkPolicyPort, type NetworkPolicySpec } from '../model/api.js';
import { isStrictSubset } from '../model/cidr.js';
import { child, forbidden, index, invalid, invalidEach, notSupported, required, type FieldError, type Findings } from './field-errors.js';
import { checkCidr } from './ip.js';
import { isPortName, isPortNumber } from './names.js';
import { validateLabelSelector } from './selectors.js';

const POLICY_TYPES = ['Ingress', 'Egress'];

export function validateNetworkPolicySpec(spec: NetworkPolicySpec, field: string, strictCidr: boolean): Findings {
  const out: Findings = { errors: [], warnings: [] };
  out.errors.push(...validateLabelSelector(spec.podSelector, child(field, 'podSelector')));
  (spec.ingress ?? []).forEach((rule, i) => {
    const path = index(child(field, 'ingress'), i);
    (rule.ports ?? []).forEach((port, j) => out.errors.push(...validatePort(port, index(child(path, 'ports'), j))));
    (rule.from ?? []).forEach((peer, j) => validatePeer(peer, index(child(path, 'from'), j), strictCidr, out));
  });
  (spec.egress ?? []).forEach((rule, i) => {
    const path = index(child(field, 'egress'), i);
    (rule.ports ?? []).forEach((port, j) => out.errors.push(...validatePort(port, index(child(path, 'ports'), j))));
    (rule.to ?? []).forEach((peer, j) => validatePeer(peer, index(child(path, 'to'), j), strictCidr, out));
  });
  validatePolicyTypes(spec.policyTypes ?? [], child(field, 'policyTypes'), out);
  return out;
}

function validatePolicyTypes(policyTypes: readonly string[], path: string, out: Findings): void {
  if (policyTypes.length > POLICY_TYPES.length) {
    out.errors.push(invalid(path, policyTypes, 'may not specify more than two policyTypes'));
    return;
  }
  policyTypes.forEach((policyType, i) => {
    if (!POLICY_TYPES.includes(policyType)) out.errors.push(notSupported(index(path, i), policyType, POLICY_TYPES));
    // Upstream accepts a repeated type; it is almost certainly a slip for the other one.
    else if (policyTypes.indexOf(policyType) !== i) {
      out.warnings.push(invalid(index(path, i), policyType, 'is listed twice (the API server accepts this; did you mean the other type?)'));
    }
  });
}

export function validatePort(port: NetworkPolicyPort, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const protocol: string | undefined = port.protocol;
  if (protocol !== undefined && !(PROTOCOLS as readonly string[]).includes(protocol)) {
    errors.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
  }
  const endPortPath = child(path, 'endPort');
  if (port.port === undefined) {
    if (port.endPort !== undefined) errors.push(invalid(endPortPath, port.endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof port.port === 'number') {
    errors.push(...invalidEach(child(path, 'port'), port.port, isPortNumber(port.port)));
    if (port.endPort !== undefined) {
      if (port.endPort < port.port) errors.push(invalid(endPortPath, port.endPort, 'must be greater than or equal to `port`'));
      errors.push(...invalidEach(endPortPath, port.endPort, isPortNumber(port.endPort)));
    }
  } else {
    if (port.endPort !== undefined) errors.push(invalid(endPortPath, port.endPort, 'may not be specified when `port` is non-numeric'));
    errors.push(...invalidEach(child(path, 'port'), port.port, isPortName(port.port)));
  }
  return errors;
}

function validatePeer(peer: NetworkPolicyPeer, path: string, strictCidr: boolean, out: Findings): void {
  let fields = 0;
  if (peer.podSelector) {
    fields++;
    out.errors.push(...validateLabelSelector(peer.podSelector, child(path, 'podSelector')));
  }
  if (peer.namespaceSelector) {
    fields++;
    out.errors.push(...validateLabelSelector(peer.namespaceSelector, child(path, 'namespaceSelector')));
  }
  if (peer.ipBlock) {
    fields++;
    validateIpBlock(peer.ipBlock, child(path, 'ipBlock'), strictCidr, out);
  }
  if (fields === 0) out.errors.push(required(path, 'must specify a peer'));
  else if (fields > 1 && peer.ipBlock) out.errors.push(forbidden(path, 'may not specify both ipBlock and another peer'));
}

function validateIpBlock(block: IPBlock, path: string, strictCidr: boolean, out: Findings): void {
  const cidrText = block.cidr ?? '';
  if (cidrText === '') {
    out.errors.push(required(child(path, 'cidr')));
    return;
  }
  const cidr = checkCidr(child(path, 'cidr'), cidrText, strictCidr);
  out.errors.push(...cidr.errors);
  out.warnings.push(...cidr.warnings);
  // Upstream checks the except entries whenever `cidr` parses, strict flaws or not.
  const outer = cidr.parsed;
  if (!outer) return;
  (block.except ?? []).forEach((exceptText, i) => {
    const exceptPath = index(child(path, 'except'), i);
    const except = checkCidr(exceptPath, exceptText, strictCidr);
    out.errors.push(...except.errors);
    out.warnings.push(...except.warnings);
    if (except.parsed && !isStrictSubset(except.parsed, outer)) {
      out.errors.push(invalid(exceptPath, exceptText, 'must be a strict subset of `cidr`'));
    }
  });
}
