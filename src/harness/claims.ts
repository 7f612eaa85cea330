// Claims and their failures. A wrong claim is not a crash: ClaimFailed carries the report and no
// stack frames. A scenario checks every claim before it fails (ClaimLog), so a learner sees each
// mistake at once; each differing flow comes with the spec's reason for its verdict.
import { createEngine, type Engine } from '../engine/index.js';
import type { NetworkPolicy } from '../model/api.js';
import type { ClusterPolicy } from '../model/cluster-policy.js';
import type { Topology } from '../model/topology.js';
import { flowKey, type Flow, type Observation } from '../model/verdicts.js';
import { verdictReason } from './why.js';

/**
 * A claim did not hold; the message carries the tables. A wrong claim is not a crash: the error has
 * no stack frames, so reports show the claim's tables and nothing of this project's source.
 */
export class ClaimFailed extends Error {
  override name = 'ClaimFailed';

  constructor(
    message: string,
    /** The report without its headline, for collecting several failed claims into one. */
    readonly report: string = message,
  ) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/** A claim step that did not hold, kept until the scenario has checked all its claims. */
export interface FailedClaim {
  /** `Then x/a can connect to x/b on 80/TCP`, with its line in the feature when known. */
  step: { text: string; line?: number };
  report: string;
}

export class ClaimLog {
  checked = 0;
  readonly failed: FailedClaim[] = [];

  record(step: FailedClaim['step'], failure: ClaimFailed): void {
    this.failed.push({ step, report: failure.report });
  }

  /** Throws one ClaimFailed naming every claim that failed, with each one's report. */
  assertHeld(target: string): void {
    const n = this.failed.length;
    if (n === 0) return;
    const head = `${n} of ${this.checked} claim${this.checked === 1 ? '' : 's'} of this scenario ${n === 1 ? 'does' : 'do'} not hold on the ${target} target.`;
    const report = this.failed.map((f) => `Claim${f.step.line !== undefined ? ` at line ${f.step.line}` : ''}: ${f.step.text}\n${f.report}`).join('\n\n');
    throw new ClaimFailed(`${head}\n\n${report}`, report);
  }
}

/**
 * The spec's reason for each flow's verdict: the sim target's own verdict where it observed one,
 * otherwise the engine's reading of the scenario's topology and applied policies.
 */
export function specReasons(
  topology: Topology,
  policies: readonly NetworkPolicy[],
  clusterPolicies: readonly ClusterPolicy[],
  observations: readonly Observation[],
): (flow: Flow) => string {
  let engine: Engine | undefined;
  return (flow) => {
    const observed = observations.find((o) => o.kind === 'verdict' && flowKey(o.flow) === flowKey(flow));
    if (observed?.kind === 'verdict') return verdictReason(observed.verdict);
    try {
      engine ??= createEngine({ topology, policies, clusterPolicies });
      return verdictReason(engine.verdict(flow));
    } catch (error) {
      return `the spec cannot be evaluated here: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
}
