// policyTypes defaulting (pkg/apis/networking/v1/defaults.go): absent or empty becomes [Ingress],
// plus Egress iff the policy has egress rules. So `egress: []` never makes an egress policy.
import type { NetworkPolicySpec, PolicyType } from '../model/api.js';

export function effectivePolicyTypes(spec: NetworkPolicySpec): PolicyType[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) return [...new Set(spec.policyTypes)];
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}
