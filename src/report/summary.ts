// The conformance summary printed at the end of a run: pass, fail and skip counts per tag and in
// total, the reason behind every skip, and one plain closing line that CI systems can read.
import type { ScenarioResult, SuiteResult } from '../runner/run-suite.js';
import { displayPath } from './display-path.js';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function outcome(s: ScenarioResult): keyof Counts {
  // Undefined, pending and ambiguous steps are failures of the suite, never passes.
  return s.status === 'passed' ? 'passed' : s.status === 'skipped' ? 'skipped' : 'failed';
}

/** Tags that name one case (`@case-12`, `@beyond-3`) would make the table as long as the suite. */
function isGroupTag(tag: string): boolean {
  return !/-\d+$/.test(tag);
}

export function countByTag(scenarios: readonly ScenarioResult[]): { tags: Map<string, Counts>; total: Counts } {
  const tags = new Map<string, Counts>();
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const s of scenarios) {
    const o = outcome(s);
    total[o]++;
    for (const tag of new Set(s.tags.filter(isGroupTag))) {
      const c = tags.get(tag) ?? { passed: 0, failed: 0, skipped: 0 };
      c[o]++;
      tags.set(tag, c);
    }
  }
  return { tags: new Map([...tags].sort(([a], [b]) => a.localeCompare(b))), total };
}

export function formatSummary(result: SuiteResult): string {
  const { tags, total } = countByTag(result.scenarios);
  const width = Math.max(5, ...[...tags.keys()].map((t) => t.length));
  const row = (name: string, c: Counts): string =>
    `  ${name.padEnd(width)}  ${String(c.passed).padStart(5)}  ${String(c.failed).padStart(5)}  ${String(c.skipped).padStart(5)}`;
  const lines = [
    '',
    `Conformance summary (target ${result.target})`,
    `  ${'tag'.padEnd(width)}  ${'pass'.padStart(5)}  ${'fail'.padStart(5)}  ${'skip'.padStart(5)}`,
    ...[...tags].map(([tag, c]) => row(tag, c)),
    row('total', total),
  ];
  const skipped = result.scenarios.filter((s) => s.status === 'skipped');
  if (skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const s of skipped) lines.push(`  ${s.uri}:${s.line} ${s.name}: ${s.skipReason ?? 'no reason given'}`);
  }
  const failed = result.scenarios.filter((s) => outcome(s) === 'failed');
  if (failed.length > 0) {
    lines.push('', 'Failed:');
    for (const s of failed) lines.push(`  ${s.uri}:${s.line} ${s.name} (${s.status})`);
  }
  const unparsed = result.unparsed ?? [];
  if (unparsed.length > 0) {
    lines.push('', 'Not run, the feature file does not parse:');
    for (const e of unparsed) lines.push(`  ${displayPath(e.file)}:${e.line}: ${e.message}`);
  }
  if (result.reportsDir) lines.push('', `Reports: ${result.reportsDir}/cucumber.html, ${result.reportsDir}/junit.xml`);
  const files = new Set(unparsed.map((e) => e.file)).size;
  const notParsed = files > 0 ? `, ${files} feature file${files === 1 ? '' : 's'} not parsed` : '';
  lines.push('', `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped${notParsed}`);
  return `${lines.join('\n')}\n`;
}
