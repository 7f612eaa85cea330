// The spec's reason for a verdict in one line, for failure reports: which policies isolate an end
// and which rule (numbered from 1, as people count) allowed the flow, or that none did.
import type { DirectionVerdict, RuleRef, Verdict } from '../model/verdicts.js';

function rules(refs: readonly RuleRef[], direction: string): string {
  const named = refs.slice(0, 2).map((r) => `${r.policy} (${direction} rule #${r.rule + 1})`);
  return refs.length > 2 ? `${named.join(', ')} and ${refs.length - 2} more` : named.join(' and ');
}

function end(d: DirectionVerdict, endpoint: string): string | undefined {
  const where = d.direction === 'ingress' ? `ingress to ${endpoint}` : `egress from ${endpoint}`;
  if (d.pod === undefined) return undefined; // an external host: NetworkPolicy does not apply
  const tier = d.tierRule;
  if ((d.decidedBy === 'admin' || d.decidedBy === 'baseline') && tier) {
    const name = tier.ruleName !== undefined ? ` '${tier.ruleName}'` : '';
    return `${where} is decided in the ${d.decidedBy === 'admin' ? 'Admin' : 'Baseline'} tier by ${tier.policy} (priority ${tier.priority}), rule #${tier.rule + 1}${name}: ${tier.action}`;
  }
  if (!d.isolated) return `${where} is not isolated`;
  if (d.allowed) return `${where} is allowed by ${rules(d.allowedBy, d.direction)}`;
  const by = d.isolatingPolicies.join(', ');
  return `${where} is isolated by ${by}, and no ${d.direction} rule of ${d.isolatingPolicies.length === 1 ? 'it' : 'them'} allows this flow`;
}

/** `the spec denies it: ingress to x/b is isolated by x/deny-all, and no ingress rule of it allows this flow`. */
export function verdictReason(verdict: Verdict): string {
  if (verdict.reason === 'self') return "the spec allows it: a pod's traffic to itself is always allowed";
  const parts = [end(verdict.egress, verdict.flow.from), end(verdict.ingress, verdict.flow.to)];
  const shown = verdict.allowed ? parts : [verdict.egress.allowed ? undefined : parts[0], verdict.ingress.allowed ? undefined : parts[1]];
  return `the spec ${verdict.allowed ? 'allows' : 'denies'} it: ${shown.filter((p) => p !== undefined).join('; ')}`;
}
