// fuzz benchmark on netns: for each deliberate dataplane fault, how many cases the fuzzer needs to
// find it at a fixed seed, how long that takes, and how long shrinking the disagreement to a
// minimal state takes (checks, and what is left). The fault-free rate (cases per minute, flows
// per second) is measured by bench/netns.ts on 200 cases.
//
//   sh scripts/with-node.sh tsx bench/fuzz.ts [--seed 1]
import { fileURLToPath } from 'node:url';
import { checkNetnsSupport, createTarget, differentialShape, fuzz, NETNS_FAULT_NAMES, TargetError, type NetnsFault } from '../src/index.js';

export interface FaultTiming {
  fault: NetnsFault;
  /** Cases run until the first disagreement (that case included); undefined when none was found. */
  casesToFind?: number;
  findMs: number;
  shrinkMs: number;
  checks: number;
  /** Size of the shrunk state. */
  policies: number;
  endpoints: number;
}

/** Cases the fuzzer may take to find a fault before the benchmark calls it missed. */
const CASE_LIMIT = 100;

export async function runFaultBench(seed: number): Promise<FaultTiming[]> {
  const timings: FaultTiming[] = [];
  for (const fault of NETNS_FAULT_NAMES) {
    // ipBlocks matching pods is only a bug where the target was told they must not.
    const engine = fault === 'ipblock-pod-ips' ? { ipBlockMatchesPodIps: false } : {};
    const target = await createTarget({ name: 'netns', options: { fault, ...engine } });
    try {
      const summary = await fuzz(target, { seed, cases: CASE_LIMIT, shape: differentialShape(), perTopology: 10, engine, maxShrinkChecks: 300, stopAfter: 1 });
      const finding = summary.findings[0];
      timings.push({
        fault,
        ...(finding ? { casesToFind: finding.index + 1 } : {}),
        findMs: summary.elapsedMs - summary.shrinkMs,
        shrinkMs: finding?.shrinkMs ?? 0,
        checks: finding?.shrunk.checks ?? 0,
        policies: finding?.shrunk.state.policies.length ?? 0,
        endpoints: finding ? finding.shrunk.state.topology.pods.length + finding.shrunk.state.topology.externals.length : 0,
      });
    } finally {
      await target.down();
    }
  }
  return timings;
}

export function formatFaultResults(timings: readonly FaultTiming[], seed: number): string {
  const lines = [`fuzz on netns with each fault (seed ${seed}, stop at the first disagreement, shrink it):`];
  for (const t of timings) {
    lines.push(
      t.casesToFind === undefined
        ? `  ${t.fault.padEnd(20)} NOT FOUND in ${CASE_LIMIT} cases (${(t.findMs / 1000).toFixed(1)} s)`
        : `  ${t.fault.padEnd(20)} found at case ${t.casesToFind} in ${(t.findMs / 1000).toFixed(1)} s; shrunk in ${(t.shrinkMs / 1000).toFixed(1)} s (${t.checks} checks) to ${t.policies} ${t.policies === 1 ? 'policy' : 'policies'}, ${t.endpoints} endpoints`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await checkNetnsSupport();
  } catch (error) {
    // Only a machine that cannot build the sandbox skips; any other error is a failure of the bench.
    if (!(error instanceof TargetError)) throw error;
    process.stdout.write(`fuzz: skipped: ${error.message}\n`);
    process.exit(0);
  }
  const i = process.argv.indexOf('--seed');
  const seed = i >= 0 ? Number(process.argv[i + 1]) : 1;
  const timings = await runFaultBench(seed);
  process.stdout.write(`${formatFaultResults(timings, seed)}\n`);
  if (timings.some((t) => t.casesToFind === undefined)) process.exitCode = 1;
}
