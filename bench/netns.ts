// netns target benchmark: set-up time of upstream's 9-pod x/y/z model, time to observe its full
// matrix on 80/TCP, 81/TCP and 80/UDP (216 non-self flows; budget 1.5 s), the cost of each pod in
// processes and memory, `fuzz` on random clusters (engine vs real packets: cases per minute, flows
// per second), and the whole feature suite on netns (budget 3 minutes). Exit code 1 when a budget
// or an agreement fails.
//
//   sh scripts/with-node.sh tsx bench/netns.ts         everything, medians (200 fuzz cases)
//   sh scripts/with-node.sh tsx bench/netns.ts --cases 50 --runs 3 --no-suite
//   sh scripts/with-node.sh tsx bench/netns.ts --json  one JSON object
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { allFlows, buildTopology, checkNetnsSupport, CLUSTER_POLICY_KINDS, createEngine, createTarget, describeFindings, differentialShape, fuzz, NAMESPACE_NAME_LABEL, observedReachability, xyzModel, type NetnsTarget, type NetworkPolicy, type PortSpec, type Reachability, type Topology } from '../src/index.js';
import { median } from './stats.js';

export const MATRIX_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 80, protocol: 'UDP' },
];
export const MATRIX_BUDGET_MS = 1500;

export interface NetnsBenchOptions {
  runs: number;
  cases: number;
  seed: number;
  /** Also time `run --target netns` (every feature); budget 3 minutes. Default: no. */
  suite?: boolean;
}

export const SUITE_BUDGET_MS = 180_000;

export interface MatrixTiming {
  label: string;
  flows: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  allowed: number;
  /** Flows whose observation disagreed with the engine after the target's re-probes. */
  disagreements: number;
}

export interface NetnsBenchResult {
  setup: { freshMedianMs: number; reuseMedianMs: number; runs: number };
  matrices: MatrixTiming[];
  cost: { endpoints: number; processesPerEndpoint: number; agentRssKiB: number; agentPssKiB: number; agentPrivateKiB: number; supervisorPssKiB: number; totalPssKiB: number };
  /** `fuzz` without faults: every case must agree. */
  differential: { cases: number; flows: number; ipv6Flows: number; disagreeingCases: number; totalMs: number; caseMedianMs: number; report: string };
  suite?: { ms: number; exitCode: number; summary: string };
}

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** The whole feature suite on netns, as `npm run conformance -- --target netns` runs it. */
export async function measureSuite(): Promise<NonNullable<NetnsBenchResult['suite']>> {
  const start = performance.now();
  const r = await execa(process.execPath, ['--import', 'tsx', CLI, 'run', '--target', 'netns'], { reject: false, all: true });
  const summary = (r.all ?? '').trim().split('\n').filter((l) => /\d+ passed/.test(l)).at(-1) ?? `exit ${r.exitCode}`;
  return { ms: performance.now() - start, exitCode: r.exitCode ?? -1, summary };
}

export function xyzBenchTopology(): Topology {
  return buildTopology(xyzModel());
}

const nsIs = (name: string) => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: name } });

/** Upstream-style policies that deny about half of the matrix, over all three protocols. */
export function mixedPolicies(): NetworkPolicy[] {
  const policy = (namespace: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec });
  return [
    policy('x', 'from-y-and-own-b', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: nsIs('y') }, { podSelector: { matchLabels: { pod: 'b' } } }] }] }),
    policy('y', 'web-only', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ ports: [{ port: 80 }, { port: 80, protocol: 'UDP' }] }] }),
    policy('z', 'egress-to-x', { podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'b'] }] }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsIs('x') }] }] }),
  ];
}

async function timeMatrix(target: NetnsTarget, topology: Topology, policies: NetworkPolicy[], label: string, runs: number): Promise<MatrixTiming> {
  await target.up(topology);
  await target.apply(policies);
  const engine = createEngine({ topology, policies });
  const flows = allFlows(topology, MATRIX_PORTS);
  const expected: Reachability[] = flows.map((f) => (engine.isAllowed(f) ? 'allowed' : 'denied'));
  const times: number[] = [];
  let disagreements = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const observations = await target.probe(flows, { expected });
    times.push(performance.now() - start);
    disagreements = Math.max(disagreements, observations.filter((o, i) => observedReachability(o) !== expected[i]).length);
  }
  return { label, flows: flows.length, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), allowed: expected.filter((e) => e === 'allowed').length, disagreements };
}

export async function runNetnsBench(options: NetnsBenchOptions): Promise<NetnsBenchResult> {
  const topology = xyzBenchTopology();
  const fresh: number[] = [];
  const reuse: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const start = performance.now();
    const target = await createTarget({ name: 'netns', options: {} });
    try {
      await target.up(topology);
      fresh.push(performance.now() - start);
      // The next scenario on the same topology: policies to forget, tables to re-render.
      await target.apply(mixedPolicies());
      const again = performance.now();
      await target.up(topology);
      reuse.push(performance.now() - again);
    } finally {
      await target.down();
    }
  }

  const target = await createTarget({ name: 'netns', options: {} });
  try {
    const matrices = [
      await timeMatrix(target, topology, [], 'no policies', options.runs),
      await timeMatrix(target, topology, mixedPolicies(), 'mixed policies (reject)', options.runs),
    ];
    await target.up(topology);
    const stats = await target.stats();
    const agentPids = new Set(Object.values(stats.agents));
    const agents = stats.processes.filter((p) => agentPids.has(p.pid));
    const supervisor = stats.processes.find((p) => p.pid === 1);
    const cost = {
      endpoints: agentPids.size,
      processesPerEndpoint: (stats.processes.length - 1) / Math.max(1, agentPids.size),
      agentRssKiB: median(agents.map((a) => a.rssKiB)),
      agentPssKiB: median(agents.map((a) => a.pssKiB)),
      agentPrivateKiB: median(agents.map((a) => a.privateKiB)),
      supervisorPssKiB: supervisor?.pssKiB ?? 0,
      totalPssKiB: stats.processes.reduce((sum, p) => sum + p.pssKiB, 0),
    };

    const drop = await createTarget({ name: 'netns', options: { denyAction: 'drop' } });
    try {
      matrices.push(await timeMatrix(drop, topology, mixedPolicies(), 'mixed policies (drop, 300 ms timeout)', Math.min(3, options.runs)));
    } finally {
      await drop.down();
    }

    // Both address families where the kernel has IPv6, as the differential test.
    const ipv6 = !target.lacking.has('ipv6');
    const diff = await fuzz(target, { seed: options.seed, cases: options.cases, shape: differentialShape(undefined, true, ipv6), otherFamily: ipv6, perTopology: 10, engine: {}, tiers: CLUSTER_POLICY_KINDS, maxShrinkChecks: 300 });
    const differential = {
      cases: diff.cases,
      flows: diff.flowsProbed,
      ipv6Flows: diff.ipv6Flows,
      disagreeingCases: diff.disagreeingCases.length,
      totalMs: diff.elapsedMs,
      caseMedianMs: median(diff.caseMs),
      report: describeFindings(diff, 'netns'),
    };
    const suite = options.suite === true ? await measureSuite() : undefined;
    return { setup: { freshMedianMs: median(fresh), reuseMedianMs: median(reuse), runs: options.runs }, matrices, cost, differential, ...(suite ? { suite } : {}) };
  } finally {
    await target.down();
  }
}

export function formatNetnsResults(r: NetnsBenchResult): string {
  const ms = (v: number): string => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
  const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;
  const lines = [
    `netns: x/y/z model (9 pods), medians over ${r.setup.runs} runs`,
    `  set-up (sandbox + dataplane + agents): ${ms(r.setup.freshMedianMs)}; up() of the next scenario on the same topology (policies to clear): ${ms(r.setup.reuseMedianMs)} (${((r.setup.reuseMedianMs / r.setup.freshMedianMs) * 100).toFixed(1)}% of a fresh set-up)`,
  ];
  for (const m of r.matrices) {
    const budget = m.label.includes('drop') ? '' : `, ${((m.medianMs / MATRIX_BUDGET_MS) * 100).toFixed(0)}% of the ${MATRIX_BUDGET_MS} ms budget`;
    lines.push(
      `  matrix ${m.flows} flows, ${m.label}: ${ms(m.medianMs)} (min ${ms(m.minMs)}, max ${ms(m.maxMs)}${budget}); ${m.allowed} allowed; ${m.disagreements} disagreeing with the engine`,
    );
  }
  const c = r.cost;
  lines.push(
    `  per endpoint: ${c.processesPerEndpoint.toFixed(1)} process (one agent serving all ports and making the probes); agent RSS ${mib(c.agentRssKiB)}, PSS ${mib(c.agentPssKiB)}, private ${mib(c.agentPrivateKiB)}`,
    `  sandbox total PSS ${mib(c.totalPssKiB)} for ${c.endpoints} endpoints (supervisor ${mib(c.supervisorPssKiB)})`,
  );
  const d = r.differential;
  lines.push(
    `  fuzz: ${d.cases} random cases, ${d.flows} flows (${d.ipv6Flows} over IPv6): ${d.disagreeingCases} disagreeing with the engine; ${ms(d.totalMs)} total (${ms(d.caseMedianMs)} median per case: apply + probe), ${((d.cases / d.totalMs) * 60_000).toFixed(0)} cases/min, ${Math.round(d.flows / (d.totalMs / 1000))} flows/s`,
  );
  if (d.disagreeingCases > 0) lines.push(d.report);
  if (r.suite) {
    lines.push(`  feature suite (run --target netns): ${(r.suite.ms / 1000).toFixed(1)} s, ${((r.suite.ms / SUITE_BUDGET_MS) * 100).toFixed(0)}% of the 3 min budget; ${r.suite.summary}`);
  }
  return lines.join('\n');
}

const SELF = fileURLToPath(import.meta.url);

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (process.argv[1] === SELF) {
  try {
    await checkNetnsSupport();
  } catch (error) {
    process.stdout.write(`netns: skipped: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(0);
  }
  const result = await runNetnsBench({ runs: flag('--runs', 5), cases: flag('--cases', 200), seed: flag('--seed', 2024), suite: !process.argv.includes('--no-suite') });
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${formatNetnsResults(result)}\n`);
  const slow = result.matrices.some((m) => !m.label.includes('drop') && m.medianMs >= MATRIX_BUDGET_MS);
  const suiteBad = result.suite !== undefined && (result.suite.exitCode !== 0 || result.suite.ms >= SUITE_BUDGET_MS);
  if (result.differential.disagreeingCases > 0 || slow || suiteBad) process.exitCode = 1;
}
