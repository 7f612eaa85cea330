// A failing scenario's state, as a page a person can open: the harness announces the page in the
// claim's failure message on a line of its own, and the runner reads it back from there for the
// reports (compare links to it). The line is the contract between the two.
import type { NetworkPolicy } from './api.js';
import type { ClusterPolicy } from './cluster-policy.js';
import type { Topology } from './topology.js';
import type { Flow, Observation, Reachability } from './verdicts.js';

export const STATE_PAGE_LINE = 'State of the scenario: ';

/** What a claim saw when it failed: the state, and each claimed flow with what was observed. */
export interface FailedClaimState {
  target: string;
  topology: Topology;
  policies: NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy applied. */
  clusterPolicies?: ClusterPolicy[];
  claims: { flow: Flow; expected: Reachability; observed: Reachability; observation: Observation }[];
}

/** Writes the page for a failed claim and returns its path (or undefined when none was written). */
export type StatePageWriter = (state: FailedClaimState) => Promise<string | undefined>;

/** The page a failure message names, if it names one. */
export function statePageOf(message: string | undefined): string | undefined {
  const line = message?.split('\n').find((l) => l.startsWith(STATE_PAGE_LINE));
  return line?.slice(STATE_PAGE_LINE.length).trim();
}
