// Shrinking a disagreement: greedy reduction in the spirit of delta debugging. Candidates (smaller
// states, ./shrink-candidates.ts) are tried in order; each is applied to the real target and probed,
// and kept when the target still disagrees with the engine somewhere. Passes repeat until none of
// the remaining candidates is kept (the state is then 1-minimal: removing any one more thing makes
// the disagreement go away) or the check budget is spent. Invalid states (a policy the API server
// would reject) are skipped without a check.
import type { Flow } from '../model/verdicts.js';
import { validateDocument } from '../validate/index.js';
import type { Disagreement } from './differential.js';
import { candidates, type FuzzState } from './shrink-candidates.js';
import { expandClusterPolicies, expandPolicies } from './templated.js';

/** Applies a state to the target and returns the disagreements it shows (empty: none). */
export type Check = (state: FuzzState, hint: readonly Disagreement[]) => Promise<Disagreement[]>;

export interface ShrinkResult {
  state: FuzzState;
  /** Disagreements of the final state as the last check saw them. */
  disagreements: Disagreement[];
  /** States applied and probed. */
  checks: number;
  /** What each kept candidate removed, in order. */
  kept: string[];
  /** True when the budget ran out before the state was 1-minimal. */
  exhausted: boolean;
}

export interface ShrinkOptions {
  maxChecks: number;
  onCheck?: (what: string, kept: boolean) => void;
}

/** At least two endpoints and a port; every template names an endpoint; the API server would accept every policy. */
function valid(state: FuzzState): boolean {
  if (state.ports.length === 0) return false;
  if (state.topology.pods.length + state.topology.externals.length < 2) return false;
  let policies;
  try {
    policies = [...expandPolicies(state.policies, state.topology), ...expandClusterPolicies(state.clusterPolicies, state.topology)];
  } catch {
    return false; // an address template names a pod the candidate removed
  }
  return policies.every((p) => validateDocument(p, { file: 'shrink' }).problems.length === 0);
}

/**
 * The disagreeing flows, quickest to probe first: the first one is what a shrink focuses on, and a
 * flow the target answers at once (a TCP reset, a connection) costs far less to re-probe than one
 * that times out.
 */
function flows(disagreements: readonly Disagreement[]): Flow[] {
  const cost = (d: Disagreement): number => (d.observation.kind === 'probe' && d.observation.outcome === 'timeout' ? 2 : 0) + (d.flow.protocol === 'TCP' ? 0 : 1);
  return [...disagreements].sort((a, b) => cost(a) - cost(b)).map((d) => d.flow);
}

export async function shrink(initial: FuzzState, found: readonly Disagreement[], check: Check, options: ShrinkOptions): Promise<ShrinkResult> {
  let state = initial;
  let disagreements = [...found];
  let checks = 0;
  const kept: string[] = [];
  let minimal = false;
  while (!minimal && checks < options.maxChecks) {
    let progress = false;
    // After a kept candidate the list is drawn again from the smaller state; the index stays, so
    // the pass goes on with the candidates after the one just kept.
    for (let i = 0; checks < options.maxChecks; ) {
      const candidate = [...candidates(state, flows(disagreements))][i];
      if (!candidate) break;
      if (!valid(candidate.state)) {
        i++;
        continue;
      }
      checks++;
      const seen = await check(candidate.state, disagreements);
      options.onCheck?.(candidate.what, seen.length > 0);
      if (seen.length > 0) {
        state = candidate.state;
        disagreements = seen;
        kept.push(candidate.what);
        progress = true;
      } else {
        i++;
      }
    }
    minimal = !progress && checks < options.maxChecks;
  }
  return { state, disagreements, checks, kept, exhausted: !minimal };
}
