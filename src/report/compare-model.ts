// One suite on several targets, as a scenario x target table. Scenarios are matched by feature file
// and line. The headline is where a target disagrees with sim (the spec): a scenario that passes on
// sim but fails on a target (the target breaks the spec), or the reverse (the claim or the harness
// is wrong). Skipped scenarios are not divergences; they are listed with their reasons.
import type { ScenarioResult, ScenarioStatus, SuiteResult } from '../runner/run-suite.js';

export const BASELINE = 'sim';

export interface CompareCell {
  status: ScenarioStatus;
  message?: string;
  skipReason?: string;
  /** The page of the scenario's state at its failed claim. */
  statePage?: string;
}

export interface CompareRow {
  key: string;
  name: string;
  uri: string;
  line: number;
  tags: string[];
  /** One per target, in target order; undefined when the scenario did not run there. */
  cells: (CompareCell | undefined)[];
}

export interface Divergence {
  row: CompareRow;
  target: string;
  baseline: ScenarioStatus;
  status: ScenarioStatus;
  /** `fails-on-target`: the baseline passes and the target fails; `passes-on-target`: the reverse. */
  kind: 'fails-on-target' | 'passes-on-target';
}

export interface TargetTotals {
  target: string;
  success: boolean;
  passed: number;
  failed: number;
  skipped: number;
  other: number;
}

export interface Comparison {
  targets: string[];
  /** Index of sim among the targets, when it ran. */
  baseline: number | undefined;
  rows: CompareRow[];
  divergences: Divergence[];
  totals: TargetTotals[];
  /** Per target that ran upstream conformance tests: its report in the upstream format (a file beside this one). */
  conformanceReports?: { target: string; file: string }[];
}

const rowKey = (s: Pick<ScenarioResult, 'uri' | 'line' | 'name'>): string => `${s.uri}:${s.line}:${s.name}`;
const failing = (s: ScenarioStatus | undefined): boolean => s === 'failed' || s === 'ambiguous' || s === 'undefined' || s === 'unknown' || s === 'pending';

function totals(result: SuiteResult): TargetTotals {
  const count = (pred: (s: ScenarioStatus) => boolean): number => result.scenarios.filter((s) => pred(s.status)).length;
  return {
    target: result.target,
    success: result.success,
    passed: count((s) => s === 'passed'),
    failed: count((s) => s === 'failed'),
    skipped: count((s) => s === 'skipped'),
    other: count((s) => s !== 'passed' && s !== 'failed' && s !== 'skipped'),
  };
}

export function buildComparison(results: readonly SuiteResult[]): Comparison {
  const targets = results.map((r) => r.target);
  const rows = new Map<string, CompareRow>();
  results.forEach((result, t) => {
    for (const s of result.scenarios) {
      const key = rowKey(s);
      const row = rows.get(key) ?? { key, name: s.name, uri: s.uri, line: s.line, tags: [...s.tags], cells: targets.map(() => undefined) };
      row.cells[t] = { status: s.status, ...(s.message !== undefined ? { message: s.message } : {}), ...(s.skipReason !== undefined ? { skipReason: s.skipReason } : {}), ...(s.statePage !== undefined ? { statePage: s.statePage } : {}) };
      rows.set(key, row);
    }
  });
  const sorted = [...rows.values()].sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line || a.name.localeCompare(b.name));
  const baselineIndex = targets.indexOf(BASELINE);
  const baseline = baselineIndex >= 0 ? baselineIndex : undefined;
  const divergences: Divergence[] = [];
  if (baseline !== undefined) {
    for (const row of sorted) {
      const base = row.cells[baseline]?.status;
      if (base === undefined || base === 'skipped') continue;
      row.cells.forEach((cell, t) => {
        if (t === baseline || !cell || cell.status === 'skipped') return;
        if (base === 'passed' && failing(cell.status)) divergences.push({ row, target: targets[t] ?? '', baseline: base, status: cell.status, kind: 'fails-on-target' });
        else if (failing(base) && cell.status === 'passed') divergences.push({ row, target: targets[t] ?? '', baseline: base, status: cell.status, kind: 'passes-on-target' });
      });
    }
  }
  return { targets, baseline, rows: sorted, divergences, totals: results.map(totals) };
}

/** The first line of a failure message, for tables. */
export function firstMessageLine(message: string | undefined): string {
  return (message ?? '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}
