// Checks a `compare` report from the test bed against the documented kube-router divergences
// (testbed/kube-router-divergences.json, explained in docs/testbed.md): exit 0 when the test
// bed diverges from sim in exactly those scenarios, 1 (one line per difference) when a new
// divergence appears or a documented one is gone. Expectations are never adjusted: a scenario
// that kube-router gets wrong fails in the report; this only says whether that is news.
//   tsx scripts/testbed-divergences.ts reports/testbed/compare.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/project-root.js';

interface Known {
  target: string;
  divergences: { uri: string; scenario: string; why: string }[];
}
interface Report {
  divergences: { uri: string; scenario: string; target: string; kind: string; line?: number }[];
}

const reportFile = process.argv[2];
if (!reportFile) {
  process.stderr.write('usage: tsx scripts/testbed-divergences.ts REPORT.json\n');
  process.exit(2);
}
const known = JSON.parse(readFileSync(join(PROJECT_ROOT, 'testbed', 'kube-router-divergences.json'), 'utf8')) as Known;
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
const key = (d: { uri: string; scenario: string }): string => `${d.uri}: ${d.scenario}`;
const seen = new Map(report.divergences.filter((d) => d.target === known.target).map((d) => [key(d), d]));
const documented = new Set(known.divergences.map(key));
const problems: string[] = [];
for (const [k, d] of seen) if (!documented.has(k)) problems.push(`new divergence on ${known.target} (${d.kind}): ${k}${d.line !== undefined ? ` (line ${d.line})` : ''}`);
for (const k of documented) if (!seen.has(k)) problems.push(`documented divergence no longer seen on ${known.target}: ${k} (update testbed/kube-router-divergences.json and docs/testbed.md)`);
for (const p of problems) process.stderr.write(`${p}\n`);
process.stdout.write(`${known.target}: ${seen.size} divergences from sim, ${documented.size} documented, ${problems.length} unexplained\n`);
process.exit(problems.length > 0 ? 1 : 0);
