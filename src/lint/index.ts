// `lint`: what is valid but very likely not meant, each finding with file, object and field. The
// checks run in this order; each is a pure function of the input (src/lint/context.ts).
// Same-priority overlaps of the cluster-scoped tiers (ClusterNetworkPolicy, AdminNetworkPolicy)
// join LINT_CHECKS once those kinds are loaded (src/validate/tier-overlaps.ts computes them).
import type { LintCheck, LintInput, LintWarning } from './context.js';
import { egressBlocksDns } from './dns.js';
import { isolatesWithoutRules } from './isolation.js';
import { redundantRule } from './redundant.js';
import { namedPortUnserved, peerMatchesNothing, selectsNoPod } from './selection.js';

export type { LintCheck, LintInput, LintPolicy, LintWarning } from './context.js';

export const LINT_CHECKS: Record<string, { check: LintCheck; about: string }> = {
  'selects-no-pod': { check: selectsNoPod, about: 'a policy whose podSelector selects no pod of the input' },
  'peer-matches-nothing': { check: peerMatchesNothing, about: 'a from/to peer whose selectors match no pod' },
  'named-port-unserved': { check: namedPortUnserved, about: 'a named port that no pod on the receiving end has' },
  'egress-blocks-dns': { check: egressBlocksDns, about: 'egress isolation without a rule for DNS (UDP and TCP 53 to kube-system)' },
  'redundant-rule': { check: redundantRule, about: 'a rule another rule already allows all of' },
  'isolates-without-rules': { check: isolatesWithoutRules, about: 'a policy with rules in one direction that isolates the other without any' },
};

export function lint(input: LintInput): LintWarning[] {
  return Object.values(LINT_CHECKS).flatMap(({ check }) => check(input));
}
