// Compares what a scenario claims with what a target observed and, on a mismatch, prints the
// expected, observed and difference tables, then each differing flow: what the spec says about it
// (which policy and rule) and, on real targets, how to reproduce the probe.
import { formatPort } from '../model/notation.js';
import { distinct, formatGrid, GLYPH, reachabilityGlyph } from '../model/truth-table.js';
import { observedReachability, type Observation, type Reachability } from '../model/verdicts.js';
import type { Flow } from '../model/verdicts.js';
import type { Expectation } from './expectations.js';

/** The difference table's own glyphs: the tables above it already use `.` and `X` for allowed and denied. */
export const DIFFERENCE = { same: '=', differs: '!' } as const;

const LEGEND = `${GLYPH.allowed} allowed   ${GLYPH.denied} denied   ${GLYPH.unknown} unknown   ${GLYPH.notJudged} not judged   difference: ${DIFFERENCE.same} as claimed   ${DIFFERENCE.differs} differs`;

export interface Judgement {
  expectation: Expectation;
  observation: Observation;
  observed: Reachability;
  agrees: boolean;
}

export function judge(expectations: readonly Expectation[], observations: readonly Observation[]): Judgement[] {
  return expectations.map((expectation, i) => {
    const observation = observations[i];
    if (!observation) throw new Error(`target returned ${observations.length} observations for ${expectations.length} flows`);
    const observed = observedReachability(observation);
    return { expectation, observation, observed, agrees: observed === expectation.expected };
  });
}

function describeObservation(o: Observation): string {
  switch (o.kind) {
    case 'verdict':
      return o.verdict.allowed ? 'the sim engine allows it' : 'the sim engine denies it';
    case 'probe': {
      const tries = o.attempts === 1 ? '1 attempt' : `${o.attempts} attempts`;
      return `${o.outcome} after ${Math.round(o.elapsedMs)} ms, ${tries}${o.detail ? `: ${o.detail}` : ''}`;
    }
  }
}

/**
 * The report for a failed claim; empty when every flow agrees. `why` gives the spec's reason for a
 * flow's verdict (the engine's explanation), printed under each differing flow.
 */
export function formatMismatch(judgements: readonly Judgement[], why?: (flow: Flow) => string): string {
  const failing = judgements.filter((j) => !j.agrees);
  if (failing.length === 0) return '';
  const sections: string[] = [];
  const ports = distinct(judgements.map((j) => formatPort(j.expectation.flow)));
  for (const port of ports) {
    const here = judgements.filter((j) => formatPort(j.expectation.flow) === port);
    const differing = here.filter((j) => !j.agrees);
    if (differing.length === 0) continue;
    // Endpoints in the order the claim lists them, so x/a comes first even though x/a -> x/a is not judged.
    const order = distinct(here.flatMap((j) => [j.expectation.flow.from, j.expectation.flow.to]));
    const sources = new Set(here.map((j) => j.expectation.flow.from));
    const destinations = new Set(here.map((j) => j.expectation.flow.to));
    const rows = order.filter((e) => sources.has(e));
    const columns = order.filter((e) => destinations.has(e));
    const byPair = new Map(here.map((j) => [`${j.expectation.flow.from}>${j.expectation.flow.to}`, j]));
    const cell = (pick: (j: Judgement) => string) => (r: string, c: string) => {
      const j = byPair.get(`${r}>${c}`);
      return j ? pick(j) : GLYPH.notJudged;
    };
    sections.push(
      `On ${port}: ${differing.length} of ${here.length} flows differ from the claim.`,
      'expected:',
      formatGrid(rows, columns, cell((j) => reachabilityGlyph(j.expectation.expected))),
      'observed:',
      formatGrid(rows, columns, cell((j) => reachabilityGlyph(j.observed))),
      'difference:',
      formatGrid(rows, columns, cell((j) => (j.agrees ? DIFFERENCE.same : DIFFERENCE.differs))),
    );
  }
  sections.push(LEGEND, 'Differing flows:');
  for (const j of failing) {
    const f = j.expectation.flow;
    sections.push(`  ${f.from} -> ${f.to} on ${formatPort(f)}: expected ${j.expectation.expected}, observed ${j.observed} (${describeObservation(j.observation)})`);
    if (why) sections.push(`    why: ${why(f)}`);
    if (j.observation.kind === 'probe' && j.observation.reproduce) {
      const when = j.observation.reproduceWhen !== undefined ? ` (${j.observation.reproduceWhen})` : '';
      sections.push(`    reproduce${when}: ${j.observation.reproduce}`);
    }
  }
  return sections.join('\n');
}
