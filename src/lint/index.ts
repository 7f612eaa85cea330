// `lint`: what is valid but very likely not meant, each finding with file, object and field. The
// checks run in this order; each is a pure function of the input (src/lint/context.ts). A check
// that reads both NetworkPolicies and the cluster-scoped kinds runs one function per kind.
import type { LintCheck, LintInput, LintWarning } from './context.js';
import { overriddenByAdminTier } from './admin-shadow.js';
import { egressBlocksDns } from './dns.js';
import { isolatesWithoutRules } from './isolation.js';
import { redundantRule } from './redundant.js';
import { namedPortUnserved, peerMatchesNothing, selectsNoPod } from './selection.js';
import { samePriorityOverlap } from './tier-overlaps.js';
import { subjectSelectsNoPod, tierNamedPortUnserved, tierPeerMatchesNothing } from './tier-selection.js';

export type { LintCheck, LintInput, LintPolicy, LintWarning } from './context.js';

const both =
  (...checks: LintCheck[]): LintCheck =>
  (input) =>
    checks.flatMap((check) => check(input));

export const LINT_CHECKS: Record<string, { check: LintCheck; about: string }> = {
  'selects-no-pod': { check: both(selectsNoPod, subjectSelectsNoPod), about: 'a policy whose podSelector (or subject) selects no pod of the input' },
  'peer-matches-nothing': { check: both(peerMatchesNothing, tierPeerMatchesNothing), about: 'a peer whose selectors match no pod' },
  'named-port-unserved': { check: both(namedPortUnserved, tierNamedPortUnserved), about: 'a named port that no pod on the receiving end has' },
  'egress-blocks-dns': { check: egressBlocksDns, about: 'egress isolation without a rule for DNS (UDP and TCP 53 to kube-system)' },
  'redundant-rule': { check: redundantRule, about: 'a rule another rule already allows all of' },
  'isolates-without-rules': { check: isolatesWithoutRules, about: 'a policy with rules in one direction that isolates the other without any' },
  'same-priority-overlap': { check: samePriorityOverlap, about: 'cluster-scoped policies of one tier and priority acting differently on a connection' },
  'overridden-by-admin-tier': { check: overriddenByAdminTier, about: 'a NetworkPolicy rule the Admin tier decides all of first, denying some' },
};

/** Every check's findings, in the table's order, leaving out the checks named in `disabled`. */
export function lint(input: LintInput, disabled: ReadonlySet<string> = new Set()): LintWarning[] {
  return Object.entries(LINT_CHECKS).flatMap(([name, { check }]) => (disabled.has(name) ? [] : check(input)));
}
