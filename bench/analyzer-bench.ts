// The netpol-analyzer part of `npm run bench`: for each state (the engine bench's mix at 300, 1k
// and 4k pods), both tools read the same manifest files; its `list` is timed once (with time and
// memory limits), ours three times (load, validate, compile, every port class, rows written); the
// connections of every pod pair on every port are compared where it finished.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FastEngine } from '../src/index.js';
import { analyzerReadablePolicies } from './analyzer-state.js';
import { benchCluster, type BenchSize } from './engine.js';
import { writeManifestDir } from './manifests.js';
import { buildAnalyzer, compareConnections, runAnalyzer, runOurs, type Disagreement } from './netpol-analyzer.js';
import { median } from './stats.js';

export const ANALYZER_STATES: (BenchSize & { label: string })[] = [
  { label: '300', namespaces: 10, pods: 300, policies: 150, ports: 2 },
  { label: '1k', namespaces: 20, pods: 1000, policies: 500, ports: 2 },
  { label: '4k', namespaces: 40, pods: 4000, policies: 2000, ports: 2 },
];

export interface AnalyzerStateResult {
  label: string;
  pods: number;
  policies: number;
  /** Egress rules split so that it reads the state (see analyzer-state.ts). */
  rewrittenPolicies: number;
  oursMs: number;
  portClasses: number;
  theirs: { ms: number; peakRssMiB: number; error?: string };
  /** Ordered pod pairs compared on every port; absent when it did not finish. */
  compared?: { pairs: number; disagreements: Disagreement[] };
}

export type AnalyzerOutcome = { kind: 'ran'; version: string; buildMs: number; states: AnalyzerStateResult[] } | { kind: 'skipped'; reason: string };

/** Our verdicts on the split state must be those on the original state, or the comparison is off. */
function checkRewriteKeepsVerdicts(size: BenchSize): number {
  const cluster = benchCluster(size);
  const { policies, rewritten } = analyzerReadablePolicies(cluster.policies);
  if (rewritten === 0) return 0;
  const ports = [{ port: 80, protocol: 'TCP' as const }, { port: 53, protocol: 'UDP' as const }, { port: 8080, protocol: 'TCP' as const }, { port: 9090, protocol: 'TCP' as const }];
  const options = { ipBlockMatchesPodIps: false };
  const a = new FastEngine({ topology: cluster.topology, policies: cluster.policies }, options).reachability(ports);
  const b = new FastEngine({ topology: cluster.topology, policies }, options).reachability(ports);
  const n = a.endpoints.length;
  for (let p = 0; p < ports.length; p++) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (a.allowed(p, i, j) !== b.allowed(p, i, j)) throw new Error(`bench bug: splitting rules for netpol-analyzer changed ${a.endpoints[i]} -> ${a.endpoints[j]}`);
  }
  return rewritten;
}

export async function runAnalyzerBench(options: { timeoutMs: number; memoryMiB: number; states?: string[] }): Promise<AnalyzerOutcome> {
  const build = await buildAnalyzer();
  if (build.kind === 'skipped') return build;
  const states: AnalyzerStateResult[] = [];
  for (const size of ANALYZER_STATES.filter((s) => !options.states || options.states.includes(s.label))) {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-analyzer-'));
    try {
      const cluster = benchCluster(size);
      const rewrittenPolicies = size.pods <= 1000 ? checkRewriteKeepsVerdicts(size) : analyzerReadablePolicies(cluster.policies).rewritten;
      writeManifestDir({ topology: { ...cluster.topology, externals: [] }, policies: analyzerReadablePolicies(cluster.policies).policies }, dir);
      const ours = [runOurs(dir), runOurs(dir), runOurs(dir)];
      const theirs = await runAnalyzer(build.binary, dir, options.timeoutMs, options.memoryMiB);
      const last = ours[2] ?? ours[0];
      states.push({
        label: size.label,
        pods: size.pods,
        policies: size.policies,
        rewrittenPolicies,
        oursMs: median(ours.map((o) => o.ms)),
        portClasses: last?.portClasses ?? 0,
        theirs: { ms: theirs.ms, peakRssMiB: theirs.peakRssMiB, ...(theirs.error !== undefined ? { error: theirs.error } : {}) },
        ...(theirs.error === undefined && last ? { compared: compareConnections(last, theirs.pairs) } : {}),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { kind: 'ran', version: build.version, buildMs: build.buildMs, states };
}

export function analyzerRatio(s: AnalyzerStateResult): { text: string; atLeast: number } {
  const ratio = s.theirs.ms / s.oursMs;
  const text = `${ratio >= 100 ? Math.round(ratio).toLocaleString('en-US') : ratio.toFixed(1)}x`;
  return s.theirs.error === undefined ? { text: `ours ${text} faster`, atLeast: ratio } : { text: `ours at least ${text} faster (it did not finish)`, atLeast: ratio };
}

export function formatAnalyzer(outcome: AnalyzerOutcome): string {
  if (outcome.kind === 'skipped') return `netpol-analyzer: skipped: ${outcome.reason}`;
  const lines = [`netpol-analyzer ${outcome.version} (built in ${(outcome.buildMs / 1000).toFixed(0)} s; 0 = cached): its \`list\` against ours (load + compile + every port class + rows), same files, ipBlocks not matching pods`];
  for (const s of outcome.states) {
    const theirs = s.theirs.error === undefined ? `${(s.theirs.ms / 1000).toFixed(1)} s, peak ${s.theirs.peakRssMiB.toFixed(0)} MiB` : s.theirs.error;
    const agreement = s.compared ? `${s.compared.pairs.toLocaleString('en-US')} pod pairs x ${s.portClasses} port classes compared: ${s.compared.disagreements.length} disagreements` : 'not compared';
    lines.push(`  ${s.label} (${s.pods} pods, ${s.policies} policies, ${s.rewrittenPolicies} split for it): ours ${s.oursMs.toFixed(0)} ms; theirs ${theirs}; ${analyzerRatio(s).text}; ${agreement}`);
    for (const d of s.compared?.disagreements.slice(0, 5) ?? []) lines.push(`    ${d.pair}: ours ${d.ours}, theirs ${d.theirs}`);
  }
  return lines.join('\n');
}
