// `npm run bench`: every benchmark in one run, then one table of medians, ratios and budgets.
//  1. engine (bench/engine.ts): full matrices of synthetic clusters up to 10,000 pods on the fast
//     path, and on the explaining engine (the reference) where it finishes; both hash the matrix;
//  2. start-up (bench/startup.ts): explain / matrix --from / validate on a 10,000-pod List file;
//  3. netpol-analyzer (bench/analyzer-bench.ts) where Go is present: same files, timed, compared;
//  4. netns (bench/netns.ts, bench/netns-scale.ts) where this machine can run it: real packets.
//
//   npm run bench                                  everything
//   npm run bench -- large 10k                     only these engine sizes (start-up still runs)
//   npm run bench -- --no-netns --no-analyzer      engine and start-up only
//   npm run bench -- --no-reference                without the explaining engine's matrices
//   npm run bench -- --analyzer-timeout 300 --analyzer-memory 6144 --analyzer-states 300,1k
//   npm run bench -- --netns-runs 3 --cases 20 --no-suite
//   npm run bench -- --no-drawing                  without drawing examples/shop (bench/drawing.ts)
//   npm run bench -- --no-faults                   without finding and shrinking each netns fault
//   npm run bench -- --no-cli                      without timing how fast a command starts
//
// Exit code 1 when a budget is missed or any two answers disagree (fast vs reference engine,
// ours vs netpol-analyzer, engine vs real packets), or fuzz does not find one of the netns faults.
import { fileURLToPath } from 'node:url';
import { checkNetnsSupport } from '../src/index.js';
import { analyzerRatio, formatAnalyzer, runAnalyzerBench, type AnalyzerOutcome } from './analyzer-bench.js';
import { formatStartTimes, runStartBench, START_COMMANDS, type StartTimes } from './cli-start.js';
import { ENGINE_SIZES, formatEngineResults, runEngineBench, type EngineBenchResult } from './engine.js';
import { formatNetnsScale, netnsScaleFailed, runNetnsScale, SCALE_BUDGET_MS, type NetnsScaleResult } from './netns-scale.js';
import { formatFaultResults, runFaultBench, type FaultTiming } from './fuzz.js';
import { formatNetnsResults, runNetnsBench, SUITE_BUDGET_MS, type NetnsBenchResult } from './netns.js';
import { formatDrawingResults, runDrawingBench } from './drawing.js';
import { EXPLAIN_BUDGET_MS, formatStartup, runStartupBench, type StartupResult } from './startup.js';

/** The issue's budgets, on this 2-core machine: without and with 200 ClusterNetworkPolicies. */
export const BUDGETS = {
  large: [
    { label: 'large', what: '1,000 x 500' },
    { label: 'large-tiers', what: '1,000 x 500 + 200 CNPs' },
  ],
  largeMs: 300,
  huge: [
    { label: '10k', what: '10,000 x 5,000' },
    { label: '10k-tiers', what: '10,000 x 5,000 + 200 CNPs' },
  ],
  hugeMs: 5000,
  hugeRssMiB: 2048,
  queryMs: 50,
  analyzerSpeedup: 10,
} as const;

export type NetnsOutcome = { kind: 'ran'; result: NetnsBenchResult; scale: NetnsScaleResult; faults?: FaultTiming[] } | { kind: 'skipped'; reason: string };

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function runNetnsPart(): Promise<NetnsOutcome> {
  if (process.argv.includes('--no-netns')) return { kind: 'skipped', reason: '--no-netns' };
  try {
    await checkNetnsSupport();
  } catch (error) {
    // No user namespaces, no nft, ...: say what is missing and carry on with the engine figures.
    return { kind: 'skipped', reason: error instanceof Error ? error.message : String(error) };
  }
  const runs = flag('--netns-runs', 5);
  const result = await runNetnsBench({ runs, cases: flag('--cases', 200), seed: flag('--seed', 2024), suite: !process.argv.includes('--no-suite') });
  const scale = await runNetnsScale(Math.min(runs, 3));
  return { kind: 'ran', result, scale, ...(process.argv.includes('--no-faults') ? {} : { faults: await runFaultBench(1) }) };
}

async function runAnalyzerPart(): Promise<AnalyzerOutcome> {
  if (process.argv.includes('--no-analyzer')) return { kind: 'skipped', reason: '--no-analyzer' };
  const i = process.argv.indexOf('--analyzer-states');
  return runAnalyzerBench({
    timeoutMs: flag('--analyzer-timeout', 300) * 1000,
    memoryMiB: flag('--analyzer-memory', 6144),
    ...(i >= 0 ? { states: (process.argv[i + 1] ?? '').split(',') } : {}),
  });
}

function times(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
  const r = a / b;
  return r >= 100 ? `${Math.round(r).toLocaleString('en-US')}x` : `${r.toFixed(2)}x`;
}

interface Row {
  what: string;
  figure: string;
  note: string;
  /** undefined: no budget or check; true: met; false: missed. */
  ok?: boolean;
}

/** How fast a command starts: one row per command and Node, as a ratio to `node -e 0` on that Node. */
function startRows(start: readonly StartTimes[]): Row[] {
  return start.flatMap((r) => {
    const floor = r.medianMs['node -e 0'] ?? Number.NaN;
    return START_COMMANDS.slice(1).map((c) => {
      const ms = r.medianMs[c.label] ?? Number.NaN;
      return { what: `start: ${c.label} (node ${r.version} on ${r.node === process.execPath ? 'this process' : 'PATH'})`, figure: `${ms.toFixed(0)} ms`, note: `${times(ms, floor)} node -e 0 (${floor.toFixed(0)} ms)` };
    });
  });
}

function engineRows(engine: readonly EngineBenchResult[]): Row[] {
  const rows: Row[] = [];
  for (const r of engine) {
    const ref = r.reference;
    rows.push({
      what: `engine ${r.label}: ${r.size.pods} pods (${r.classes} classes), ${r.size.policies} policies${r.size.clusterPolicies ? `, ${r.size.clusterPolicies} CNPs` : ''}, ${r.size.ports} ports`,
      figure: `${r.flows.toLocaleString('en-US')} flows (${(r.allowedShare * 100).toFixed(1)}% allowed) in ${r.totalMs.toFixed(0)} ms (compile ${r.compileMs.toFixed(0)}, matrix ${r.matrixMs.toFixed(0)}, rows out ${r.outputMs.toFixed(0)}); peak ${r.peakRssMiB.toFixed(0)} MiB`,
      note: ref ? `reference ${ref.ms.toFixed(0)} ms, peak ${ref.peakRssMiB.toFixed(0)} MiB: new/reference ${times(r.totalMs, ref.ms)} (${times(ref.ms, r.totalMs)} faster); ${ref.hash === r.hash ? 'same matrix' : 'MATRICES DIFFER'}` : 'reference not run at this size',
      ...(ref ? { ok: ref.hash === r.hash } : {}),
    });
  }
  for (const budget of BUDGETS.large) {
    const large = engine.find((r) => r.label === budget.label);
    if (large) rows.push({ what: `budget: ${budget.label} (${budget.what})`, figure: `${large.totalMs.toFixed(0)} ms`, note: `< ${BUDGETS.largeMs} ms`, ok: large.totalMs < BUDGETS.largeMs });
  }
  for (const budget of BUDGETS.huge) {
    const huge = engine.find((r) => r.label === budget.label);
    if (!huge) continue;
    rows.push({ what: `budget: ${budget.label} (${budget.what})`, figure: `${huge.totalMs.toFixed(0)} ms, peak ${huge.peakRssMiB.toFixed(0)} MiB`, note: `< ${BUDGETS.hugeMs / 1000} s and < 2 GiB`, ok: huge.totalMs < BUDGETS.hugeMs && huge.peakRssMiB < BUDGETS.hugeRssMiB });
    rows.push({ what: `budget: one source / one destination on ${budget.label}`, figure: `median ${huge.queryMs.toFixed(1)} ms (first, building the port's view: ${huge.firstQueryMs.toFixed(0)} ms)`, note: `< ${BUDGETS.queryMs} ms after compilation`, ok: huge.queryMs < BUDGETS.queryMs });
  }
  return rows;
}

function startupRows(startup: StartupResult | undefined): Row[] {
  const explain = startup?.commands[0];
  if (!startup || !explain) return [];
  return [
    { what: `budget: explain, ${startup.pods}-pod List file with ${startup.clusterPolicies} CNPs, end to end`, figure: `${explain.medianMs.toFixed(0)} ms, peak ${explain.peakRssMiB.toFixed(0)} MiB`, note: `< ${EXPLAIN_BUDGET_MS / 1000} s`, ok: explain.medianMs < EXPLAIN_BUDGET_MS },
    ...startup.commands.slice(1).map((c) => ({ what: `${c.label}, end to end`, figure: `${c.medianMs.toFixed(0)} ms, peak ${c.peakRssMiB.toFixed(0)} MiB`, note: '' })),
  ];
}

function analyzerRows(outcome: AnalyzerOutcome): Row[] {
  if (outcome.kind === 'skipped') return [{ what: 'netpol-analyzer', figure: `skipped: ${outcome.reason}`, note: '' }];
  return outcome.states.map((s) => {
    const ratio = analyzerRatio(s);
    const agree = s.compared ? s.compared.disagreements.length === 0 : true;
    const speedOk = s.pods < 1000 || ratio.atLeast >= BUDGETS.analyzerSpeedup;
    return {
      what: `netpol-analyzer ${outcome.version}, ${s.label} state`,
      figure: `ours ${s.oursMs.toFixed(0)} ms, theirs ${s.theirs.error ?? `${(s.theirs.ms / 1000).toFixed(1)} s`}`,
      note: `${ratio.text}${s.pods >= 1000 ? ` (goal >= ${BUDGETS.analyzerSpeedup}x)` : ''}; ${s.compared ? `${s.compared.disagreements.length} disagreements in ${s.compared.pairs.toLocaleString('en-US')} pairs` : 'not compared'}`,
      ok: agree && speedOk,
    };
  });
}

function netnsRows(netns: NetnsOutcome): Row[] {
  if (netns.kind === 'skipped') return [{ what: 'netns', figure: `skipped: ${netns.reason}`, note: '' }];
  const rows: Row[] = [];
  const { setup, matrices, suite, differential } = netns.result;
  rows.push({ what: 'netns set-up (9 pods)', figure: `${setup.freshMedianMs.toFixed(0)} ms fresh, ${setup.reuseMedianMs.toFixed(0)} ms reused`, note: '' });
  for (const m of matrices) rows.push({ what: `netns matrix (9 pods), ${m.label}`, figure: `${m.flows} flows in ${m.medianMs.toFixed(0)} ms`, note: `${m.disagreements} disagreements`, ok: m.disagreements === 0 });
  rows.push({ what: 'netns fuzz (differential)', figure: `${differential.cases} cases, ${differential.flows} flows in ${(differential.totalMs / 1000).toFixed(1)} s`, note: `${differential.disagreeingCases} disagreeing cases`, ok: differential.disagreeingCases === 0 });
  for (const f of netns.faults ?? []) {
    const found = f.casesToFind !== undefined;
    rows.push({ what: `netns fuzz --fault ${f.fault}`, figure: found ? `found at case ${f.casesToFind} (${(f.findMs / 1000).toFixed(1)} s); shrunk in ${(f.shrinkMs / 1000).toFixed(1)} s` : 'NOT FOUND', note: '', ok: found });
  }
  const s = netns.scale;
  rows.push({ what: `netns set-up (${s.pods} pods)`, figure: `${s.setupMs.toFixed(0)} ms`, note: '' });
  for (const p of s.ports) rows.push({ what: `budget: netns matrix, ${s.pods} pods, ${p.port}`, figure: `${p.flows} flows in ${p.medianMs.toFixed(0)} ms`, note: `< ${SCALE_BUDGET_MS / 1000} s; ${p.disagreements} disagreements`, ok: p.medianMs < SCALE_BUDGET_MS && p.disagreements === 0 });
  if (suite) rows.push({ what: 'netns feature suite', figure: `${(suite.ms / 1000).toFixed(1)} s, exit ${suite.exitCode}`, note: `< ${SUITE_BUDGET_MS / 60000} min`, ok: suite.exitCode === 0 && suite.ms < SUITE_BUDGET_MS });
  return rows;
}

export function formatSummaryTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.ok === undefined ? '  ' : r.ok ? 'ok' : 'NO', r.what, r.figure, r.note]);
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i]?.length ?? 0)));
  return cells.map((c) => `  ${c.map((v, i) => (i < 3 ? v.padEnd(widths[i] ?? 0) : v)).join('  ')}`.trimEnd()).join('\n');
}

async function main(): Promise<void> {
  const valued = new Set(['--netns-runs', '--cases', '--seed', '--analyzer-timeout', '--analyzer-memory', '--analyzer-states', '--cli-runs']);
  const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1] ?? ''));
  const sizes = only.length > 0 ? ENGINE_SIZES.filter((s) => only.includes(s.label)) : ENGINE_SIZES;
  const start = process.argv.includes('--no-cli') ? [] : runStartBench(flag('--cli-runs', 21));
  if (start.length > 0) process.stdout.write(`${formatStartTimes(start)}\n\n`);
  process.stdout.write('Engine: full matrix of synthetic clusters, medians; each size in its own process (query: median of 20, first in parentheses)\n');
  const engine = runEngineBench(sizes, { reference: !process.argv.includes('--no-reference') });
  process.stdout.write(`${formatEngineResults(engine)}\n\n`);
  if (!process.argv.includes('--no-drawing')) process.stdout.write(`${formatDrawingResults(await runDrawingBench())}\n\n`);
  const startup = process.argv.includes('--no-startup') ? undefined : runStartupBench(3);
  if (startup) process.stdout.write(`${formatStartup(startup)}\n\n`);
  const analyzer = await runAnalyzerPart();
  process.stdout.write(`${formatAnalyzer(analyzer)}\n\n`);
  const netns = await runNetnsPart();
  process.stdout.write(netns.kind === 'ran' ? `${formatNetnsResults(netns.result)}\n${formatNetnsScale(netns.scale)}\n\n` : `netns: skipped: ${netns.reason}\n\n`);
  if (netns.kind === 'ran' && netns.faults) process.stdout.write(`${formatFaultResults(netns.faults, 1)}\n\n`);
  const rows = [...startRows(start), ...engineRows(engine), ...startupRows(startup), ...analyzerRows(analyzer), ...netnsRows(netns)];
  const os = await import('node:os');
  process.stdout.write(`Summary (${process.platform}, ${os.cpus().length} cores, Node ${process.versions.node}, load average ${os.loadavg()[0]?.toFixed(1)} at the end):\n${formatSummaryTable(rows)}\n`);
  if (rows.some((r) => r.ok === false) || (netns.kind === 'ran' && netnsScaleFailed(netns.scale))) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
