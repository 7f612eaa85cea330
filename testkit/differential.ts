// Differential run: for each random case, the engine's verdict on every flow against what the
// netns target observes with real packets. Any disagreement is a bug in one of them; the report
// names the case seed, the flow, both answers and the policies, so it can be replayed.
import { stringify } from 'yaml';
import { allFlows, createEngine, flowKey, observedReachability, type Flow, type Observation, type Reachability, type Target } from '../src/index.js';
import { PROBED_PORTS, type RandomCluster } from './random-cluster.js';

export interface Mismatch {
  seed: number;
  flow: Flow;
  expected: Reachability;
  observation: Observation;
}

export interface DifferentialResult {
  cases: number;
  flows: number;
  mismatches: Mismatch[];
  /** Per case: apply + probe time in ms (up() excluded). */
  caseMs: number[];
}

export async function runDifferential(
  target: Target,
  cases: readonly RandomCluster[],
  options: { ipBlockMatchesPodIps?: boolean } = {},
): Promise<DifferentialResult> {
  const result: DifferentialResult = { cases: 0, flows: 0, mismatches: [], caseMs: [] };
  for (const c of cases) {
    await target.up(c.topology);
    const start = performance.now();
    await target.apply([...c.policies, ...c.clusterPolicies]);
    const engine = createEngine({ topology: c.topology, policies: c.policies, clusterPolicies: c.clusterPolicies }, options);
    const flows = allFlows(c.topology, PROBED_PORTS);
    const expected: Reachability[] = flows.map((f) => (engine.isAllowed(f) ? 'allowed' : 'denied'));
    const observations = await target.probe(flows, { expected });
    result.caseMs.push(performance.now() - start);
    observations.forEach((observation, i) => {
      const want = expected[i] ?? 'unknown';
      if (observedReachability(observation) !== want) result.mismatches.push({ seed: c.seed, flow: observation.flow, expected: want, observation });
    });
    result.cases++;
    result.flows += flows.length;
  }
  return result;
}

/** A readable account of the first mismatches, with the policies of their cases. */
export function describeMismatches(mismatches: readonly Mismatch[], cases: readonly RandomCluster[], limit = 10): string {
  const lines: string[] = [];
  const shownSeeds = new Set<number>();
  for (const m of mismatches.slice(0, limit)) {
    const o = m.observation;
    const seen = o.kind === 'probe' ? `${o.outcome} after ${o.attempts} attempt(s)${o.detail ? ` (${o.detail})` : ''}` : 'a verdict';
    lines.push(`case ${m.seed}: ${flowKey(m.flow)} engine says ${m.expected}, netns saw ${seen}`);
    if (o.kind === 'probe' && o.reproduce) lines.push(`  reproduce: ${o.reproduce}`);
    if (!shownSeeds.has(m.seed)) {
      shownSeeds.add(m.seed);
      const c = cases.find((x) => x.seed === m.seed);
      if (c) lines.push(stringify({ topology: c.topology, policies: c.policies, clusterPolicies: c.clusterPolicies }).replace(/^/gm, '    '));
    }
  }
  if (mismatches.length > limit) lines.push(`... and ${mismatches.length - limit} more`);
  return lines.join('\n');
}
