// A policy with rules in one direction that also isolates the other without any rule for it: all
// of that other direction is denied for the pods it selects, usually by a `policyTypes` listing
// both. A policy with no rules at all is left alone: that is the deliberate deny-all recipe.
import { effectivePolicyTypes } from '../engine/index.js';
import type { LintCheck, LintWarning } from './context.js';

export const isolatesWithoutRules: LintCheck = ({ policies }) =>
  policies.flatMap((p) => {
    const spec = p.policy.spec;
    const types = effectivePolicyTypes(spec);
    const ingress = (spec.ingress ?? []).length;
    const egress = (spec.egress ?? []).length;
    const out: LintWarning[] = [];
    const field = (spec.policyTypes ?? []).length > 0 ? 'spec.policyTypes' : 'spec';
    if (types.includes('Ingress') && ingress === 0 && egress > 0) {
      out.push({ check: 'isolates-without-rules', policy: p, field, message: 'isolates Ingress without any ingress rule: all ingress to the pods it selects is denied (drop Ingress from policyTypes if that is not meant)' });
    }
    if (types.includes('Egress') && egress === 0 && ingress > 0) {
      out.push({ check: 'isolates-without-rules', policy: p, field, message: 'isolates Egress without any egress rule: all egress from the pods it selects is denied, DNS included (drop Egress from policyTypes if that is not meant)' });
    }
    return out;
  });
