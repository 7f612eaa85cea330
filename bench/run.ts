// `npm run bench`: the engine benchmark (full matrices of synthetic clusters), then the netns
// benchmark (bench/netns.ts: real packets in network namespaces) when this machine can run it,
// then one compact table of medians and the ratios between them, all measured in this run.
//
//   npm run bench                                  everything
//   npm run bench -- large xl                      only these engine sizes
//   npm run bench -- --no-netns                    engine only
//   npm run bench -- --netns-runs 3 --cases 20     a shorter netns part (default: 5 runs, 200 cases)
//   npm run bench -- --no-suite                    without timing every feature on netns
//   npm run bench -- --no-drawing                  without drawing examples/shop (bench/drawing.ts)
//   npm run bench -- --no-faults                   without finding and shrinking each netns fault
//
// Exit code 1 when the engine misses its budget (large: < 5 s and < 1 GiB), the netns part reports
// a disagreement with the engine, the netns feature suite fails or misses its budget, or fuzz does
// not find one of the netns faults.
import { fileURLToPath } from 'node:url';
import { checkNetnsSupport } from '../src/index.js';
import { ENGINE_SIZES, formatEngineResults, runEngineBench, type EngineBenchResult } from './engine.js';
import { formatFaultResults, runFaultBench, type FaultTiming } from './fuzz.js';
import { formatNetnsResults, runNetnsBench, SUITE_BUDGET_MS, type NetnsBenchResult } from './netns.js';
import { formatDrawingResults, runDrawingBench } from './drawing.js';

export const ENGINE_BUDGET = { ms: 5000, rssMiB: 1024 } as const;

export type NetnsOutcome = { kind: 'ran'; result: NetnsBenchResult; faults?: FaultTiming[] } | { kind: 'skipped'; reason: string };

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
  const result = await runNetnsBench({ runs: flag('--netns-runs', 5), cases: flag('--cases', 200), seed: flag('--seed', 2024), suite: !process.argv.includes('--no-suite') });
  return { kind: 'ran', result, ...(process.argv.includes('--no-faults') ? {} : { faults: await runFaultBench(1) }) };
}

function times(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
  const r = a / b;
  return r >= 100 ? `${Math.round(r).toLocaleString('en-US')}x` : `${r.toFixed(2)}x`;
}

const rate = (flows: number, ms: number): number => flows / (ms / 1000);
const fmtRate = (v: number): string => Math.round(v).toLocaleString('en-US');

/** One row per figure: medians measured in this run, and the ratios between them. */
export function formatSummaryTable(engine: readonly EngineBenchResult[], netns: NetnsOutcome): string {
  const rows: [string, string, string][] = [];
  const base = engine[0];
  for (const r of engine) {
    rows.push([
      `engine ${r.label}: ${r.size.pods} pods, ${r.size.policies} policies, ${r.size.clusterPolicies ?? 0} CNPs, ${r.size.ports} ports`,
      `${r.flows.toLocaleString('en-US')} flows in ${r.totalMs.toFixed(0)} ms; ${fmtRate(r.flowsPerSecond)} flows/s; peak ${r.peakRssMiB.toFixed(0)} MiB`,
      base && r !== base ? `time per flow ${times(r.totalMs / r.flows, base.totalMs / base.flows)} ${base.label}'s` : '',
    ]);
  }
  const large = engine.find((r) => r.label === 'large');
  if (large) {
    const ok = large.totalMs < ENGINE_BUDGET.ms && large.peakRssMiB < ENGINE_BUDGET.rssMiB;
    rows.push(['engine budget (large)', `${ok ? 'met' : 'MISSED'}: < ${ENGINE_BUDGET.ms / 1000} s and < 1 GiB`, `${times(ENGINE_BUDGET.ms, large.totalMs)} headroom in time, ${times(ENGINE_BUDGET.rssMiB, large.peakRssMiB)} in memory`]);
  }
  if (netns.kind === 'skipped') {
    rows.push(['netns', `skipped: ${netns.reason}`, '']);
  } else {
    const { setup, matrices } = netns.result;
    rows.push(['netns set-up (9 pods)', `${setup.freshMedianMs.toFixed(0)} ms fresh, ${setup.reuseMedianMs.toFixed(0)} ms reused`, `reuse ${times(setup.reuseMedianMs, setup.freshMedianMs)} a fresh set-up`]);
    const best = engine.reduce((max, r) => Math.max(max, r.flowsPerSecond), 0);
    for (const m of matrices) {
      const netnsRate = rate(m.flows, m.medianMs);
      rows.push([`netns matrix, ${m.label}`, `${m.flows} flows in ${m.medianMs.toFixed(0)} ms; ${fmtRate(netnsRate)} flows/s`, `engine ${times(best, netnsRate)} faster`]);
    }
    const d = netns.result.differential;
    rows.push([`netns fuzz, ${d.cases} cases`, `${((d.cases / d.totalMs) * 60_000).toFixed(0)} cases/min, ${fmtRate(rate(d.flows, d.totalMs))} flows/s; ${d.disagreeingCases} disagreeing`, `${d.flows.toLocaleString('en-US')} flows in ${(d.totalMs / 1000).toFixed(1)} s`]);
    for (const f of netns.faults ?? []) {
      rows.push([
        `netns fuzz --fault ${f.fault}`,
        f.casesToFind === undefined ? 'NOT FOUND' : `found at case ${f.casesToFind} (${(f.findMs / 1000).toFixed(1)} s); shrunk in ${(f.shrinkMs / 1000).toFixed(1)} s`,
        f.casesToFind === undefined ? '' : `${f.checks} checks; ${f.policies} ${f.policies === 1 ? 'policy' : 'policies'}, ${f.endpoints} endpoints left`,
      ]);
    }
    const suite = netns.result.suite;
    if (suite) rows.push(['netns feature suite', `${(suite.ms / 1000).toFixed(1)} s, exit ${suite.exitCode}`, `${times(suite.ms, SUITE_BUDGET_MS)} the ${SUITE_BUDGET_MS / 60000} min budget`]);
  }
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  return rows.map((r) => `  ${r[0].padEnd(widths[0] ?? 0)}  ${r[1].padEnd(widths[1] ?? 0)}  ${r[2]}`.trimEnd()).join('\n');
}

async function main(): Promise<void> {
  const valued = new Set(['--netns-runs', '--cases', '--seed']);
  const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1] ?? ''));
  const sizes = only.length > 0 ? ENGINE_SIZES.filter((s) => only.includes(s.label)) : ENGINE_SIZES;
  process.stdout.write(`Engine: full matrix (createEngine + matrix) of synthetic clusters, medians; each size in its own process\n`);
  const engine = runEngineBench(sizes);
  process.stdout.write(`${formatEngineResults(engine)}\n\n`);
  if (!process.argv.includes('--no-drawing')) process.stdout.write(`${formatDrawingResults(await runDrawingBench())}\n\n`);
  const netns = await runNetnsPart();
  process.stdout.write(netns.kind === 'ran' ? `${formatNetnsResults(netns.result)}\n\n` : `netns: skipped: ${netns.reason}\n\n`);
  if (netns.kind === 'ran' && netns.faults) process.stdout.write(`${formatFaultResults(netns.faults, 1)}\n\n`);
  process.stdout.write(`Summary (${process.platform}, ${(await import('node:os')).cpus().length} cores, Node ${process.versions.node}):\n${formatSummaryTable(engine, netns)}\n`);
  const large = engine.find((r) => r.label === 'large');
  const engineMissed = large !== undefined && (large.totalMs >= ENGINE_BUDGET.ms || large.peakRssMiB >= ENGINE_BUDGET.rssMiB);
  const suite = netns.kind === 'ran' ? netns.result.suite : undefined;
  const netnsDisagrees =
    netns.kind === 'ran' &&
    (netns.result.differential.disagreeingCases > 0 ||
      (netns.faults ?? []).some((f) => f.casesToFind === undefined) || netns.result.matrices.some((m) => m.disagreements > 0) || (suite !== undefined && (suite.exitCode !== 0 || suite.ms >= SUITE_BUDGET_MS)));
  if (engineMissed || netnsDisagrees) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
