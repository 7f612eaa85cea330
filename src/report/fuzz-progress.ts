// The fuzzer's progress as a person reads it: cases done, flows probed, disagreements so far,
// elapsed time and rates; and what a shrink is trying.
import type { FuzzProgress } from '../generate/fuzz.js';

export function formatProgress(p: FuzzProgress): string {
  const seconds = p.elapsedMs / 1000;
  const perMinute = seconds > 0 ? (p.casesDone / seconds) * 60 : 0;
  const perSecond = seconds > 0 ? p.flowsProbed / seconds : 0;
  const head = `fuzz: ${p.casesDone}/${p.cases} cases, ${p.flowsProbed.toLocaleString('en-US')} flows probed, ${p.disagreeingCases} disagreeing, ${seconds.toFixed(1)} s (${perMinute.toFixed(0)} cases/min, ${Math.round(perSecond).toLocaleString('en-US')} flows/s)`;
  return p.detail === undefined ? head : `${head}: ${p.detail}`;
}
