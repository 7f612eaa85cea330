// The fuzzer's progress as a person reads it: cases done, flows probed, disagreements so far,
// elapsed time and rates, what a shrink is trying; and the run's summary.
import type { FuzzProgress, FuzzSummary } from '../generate/fuzz.js';

export function formatProgress(p: FuzzProgress): string {
  const seconds = p.elapsedMs / 1000;
  const perMinute = seconds > 0 ? (p.casesDone / seconds) * 60 : 0;
  const perSecond = seconds > 0 ? p.flowsProbed / seconds : 0;
  const head = `fuzz: ${p.casesDone}/${p.cases} cases, ${p.flowsProbed.toLocaleString('en-US')} flows probed, ${p.disagreeingCases} disagreeing, ${seconds.toFixed(1)} s (${perMinute.toFixed(0)} cases/min, ${Math.round(perSecond).toLocaleString('en-US')} flows/s)`;
  return p.detail === undefined ? head : `${head}: ${p.detail}`;
}

/** The last line of a run (two when cases disagreed: which, and how many were shrunk and written). */
export function formatFuzzSummary(summary: FuzzSummary, written: number): string {
  const seconds = summary.elapsedMs / 1000;
  const lines = [
    `${summary.cases} cases, ${summary.flowsProbed.toLocaleString('en-US')} flows probed (${summary.shrinkFlows.toLocaleString('en-US')} while shrinking${summary.ipv6Flows > 0 ? `, ${summary.ipv6Flows.toLocaleString('en-US')} over IPv6` : ''}), ${summary.disagreeingCases.length} disagreeing cases, ${seconds.toFixed(1)} s (${((summary.cases / seconds) * 60).toFixed(0)} cases/min, ${Math.round(summary.flowsProbed / seconds).toLocaleString('en-US')} flows/s)`,
  ];
  if (summary.disagreeingCases.length > 0) lines.push(`disagreeing cases: ${summary.disagreeingCases.join(', ')}; ${written} shrunk and written`);
  return `${lines.join('\n')}\n`;
}
