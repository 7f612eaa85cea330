// Engine benchmark: the full reachability matrix of synthetic clusters of several sizes, on the
// fast path (createEngine) and, where it finishes, on the explaining engine it replaced (the
// reference). Each measurement runs in its own child process, so its peak memory
// (`process.resourceUsage().maxRSS`) is its own. Both children hash the matrix, so the figures
// come with a check that both engines gave every pair the same answer.
//
// Fast path, per size: compile (classes and policies over classes), matrix (class-to-class
// verdicts on every port), output (every row written as `matrix -o rows` writes it, to a sink),
// and one-source / one-destination queries after compilation.
//
//   sh scripts/with-node.sh tsx bench/engine.ts            every size, a table of medians
//   sh scripts/with-node.sh tsx bench/engine.ts large 10k  some sizes
//   sh scripts/with-node.sh tsx bench/engine.ts --json     JSON lines
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createExplainingEngine, FastEngine, randomCluster, writeMatrixRows, type ClusterNetworkPolicy, type ClusterShape, type PortSpec, type Topology } from '../src/index.js';
import { prngPicks, rowsSlice } from './engine-support.js';
import { median } from './stats.js';
import { realisticPolicies } from './realistic-policies.js';
import { syntheticClusterPolicies } from './synthetic-tiers.js';

export interface BenchSize {
  namespaces: number;
  pods: number;
  policies: number;
  ports: number;
  /** Pods per workload (ClusterShape.replicas); default 1. */
  replicas?: number;
  /** ClusterNetworkPolicies of both tiers (bench/synthetic-tiers.ts); default none. */
  clusterPolicies?: number;
}

/** The ports benchmark matrices are computed on, in order: 80/TCP and 53/UDP first. */
export const BENCH_PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 8080, protocol: 'TCP' },
  { port: 9090, protocol: 'TCP' },
  { port: 5432, protocol: 'TCP' },
  { port: 132, protocol: 'SCTP' },
];

/**
 * Benchmark clusters of a fixed size, with labels as varied as a real cluster's (24 apps, 5 tiers,
 * 4 environments, 7 teams), so a selector matches a few pods, not a third of them.
 */
export function benchShape(size: BenchSize): ClusterShape {
  return {
    namespaces: [size.namespaces, size.namespaces],
    pods: [size.pods, size.pods],
    policies: [size.policies, size.policies],
    ports: BENCH_PORTS.slice(0, size.ports),
    serveAll: true,
    externals: [
      { name: 'backup', ip: '192.168.5.10', ports: [] },
      { name: 'office', ip: '203.0.113.7', ports: [] },
      { name: 'dns', ip: '8.8.8.8', ports: [] },
      { name: 'v6', ip: '2001:db8::10', ports: [] },
    ],
    externalShare: 1,
    ipv6Share: 0,
    strays: false,
    ...(size.replicas ? { replicas: size.replicas } : {}),
    labels: {
      pods: { app: Array.from({ length: 24 }, (_, i) => `app-${i}`), tier: ['web', 'api', 'db', 'cache', 'worker'], version: ['v1', 'v2', 'v3'] },
      namespaces: { env: ['prod', 'staging', 'dev', 'test'], team: Array.from({ length: 7 }, (_, i) => `team-${i}`) },
    },
  };
}

/**
 * The cluster of a bench size: the same for every run and every tool. Pods from the random-cluster
 * grammar (seed 1); policies shaped like a real cluster's (bench/realistic-policies.ts).
 */
export function benchCluster(size: BenchSize): ReturnType<typeof randomCluster> & { ports: PortSpec[]; clusterPolicies: ClusterNetworkPolicy[] } {
  const shape = benchShape(size);
  const { topology } = randomCluster(1, { ...shape, policies: [0, 0] });
  const labels = shape.labels ?? { pods: {}, namespaces: {} };
  return { seed: 1, topology, policies: realisticPolicies(topology, size.policies, labels), ports: [...shape.ports], clusterPolicies: syntheticClusterPolicies(size.clusterPolicies ?? 0, size.namespaces) };
}

/** Judged flows of a full matrix: ordered pairs of distinct endpoints, never external to external. */
function matrixFlowCount(topology: Topology, ports: number): number {
  const n = topology.pods.length + topology.externals.length;
  const e = topology.externals.length;
  return ports * (n * (n - 1) - e * (e - 1));
}

export interface EngineBenchSize extends BenchSize {
  label: string;
  runs: number;
  /** Also time the explaining engine's matrix (one run; it is slow by design at large sizes). */
  reference: boolean;
}

export const ENGINE_SIZES: EngineBenchSize[] = [
  { label: 'small', namespaces: 5, pods: 100, policies: 50, ports: 2, runs: 7, reference: true },
  { label: 'medium', namespaces: 10, pods: 300, policies: 150, ports: 2, runs: 5, reference: true },
  { label: 'large', namespaces: 20, pods: 1000, policies: 500, ports: 2, runs: 5, reference: true },
  { label: 'wide', namespaces: 20, pods: 1000, policies: 500, ports: 6, runs: 3, reference: true },
  { label: 'xl', namespaces: 40, pods: 2000, policies: 1000, ports: 2, runs: 3, reference: true },
  { label: '4k', namespaces: 40, pods: 4000, policies: 2000, ports: 2, runs: 3, reference: true },
  { label: '10k', namespaces: 100, pods: 10000, policies: 5000, ports: 2, runs: 3, reference: false },
  { label: '10k-replicas', namespaces: 100, pods: 10000, policies: 5000, ports: 2, runs: 3, reference: false, replicas: 20 },
  // The same with 200 ClusterNetworkPolicies of both tiers (bench/synthetic-tiers.ts).
  { label: 'large-tiers', namespaces: 20, pods: 1000, policies: 500, clusterPolicies: 200, ports: 2, runs: 5, reference: true },
  { label: '4k-tiers', namespaces: 40, pods: 4000, policies: 2000, clusterPolicies: 200, ports: 2, runs: 3, reference: true },
  { label: '10k-tiers', namespaces: 100, pods: 10000, policies: 5000, clusterPolicies: 200, ports: 2, runs: 3, reference: false },
];

export interface ReferenceResult {
  ms: number;
  peakRssMiB: number;
  hash: string;
}

export interface EngineBenchResult {
  label: string;
  size: BenchSize;
  flows: number;
  runs: number;
  /** Endpoint classes the fast path found (endpoints that every policy judges alike). */
  classes: number;
  /** Medians over the runs, in milliseconds. */
  compileMs: number;
  matrixMs: number;
  outputMs: number;
  totalMs: number;
  /** One source (reachableFrom) / one destination (reachableTo) after compilation: the first (which builds the port's view) and the median of 20. */
  firstQueryMs: number;
  queryMs: number;
  flowsPerSecond: number;
  allowedShare: number;
  /** Bytes of `matrix -o rows` output. */
  outputBytes: number;
  peakRssMiB: number;
  hash: string;
  reference?: ReferenceResult;
}

/** The fast path on one size, in this process. */
export function measureFast(spec: EngineBenchSize): Omit<EngineBenchResult, 'reference'> {
  const cluster = benchCluster(spec);
  const state = { topology: cluster.topology, policies: cluster.policies, clusterPolicies: cluster.clusterPolicies };
  const flows = matrixFlowCount(cluster.topology, cluster.ports.length);
  const open = (): FastEngine => new FastEngine(state, {});
  const times = { compile: [] as number[], matrix: [] as number[], output: [] as number[], first: [] as number[], query: [] as number[] };
  let last = { allowed: 0, bytes: 0, hash: '', classes: 0 };
  for (let run = 0; run < spec.runs; run++) {
    const t0 = performance.now();
    const engine = open();
    engine.compile();
    const t1 = performance.now();
    const reach = engine.reachability(cluster.ports);
    const t2 = performance.now();
    const written = rowsSlice(reach);
    writeMatrixRows(written.slice, written.sink);
    const t3 = performance.now();
    times.compile.push(t1 - t0);
    times.matrix.push(t2 - t1);
    times.output.push(t3 - t2);
    if (run === spec.runs - 1) last = { allowed: written.allowed(), bytes: written.bytes(), hash: written.hash(), classes: engine.classCount };
    // Queries on a fresh compilation: the first one builds the per-port view of the policies.
    const fresh = open();
    fresh.compile();
    const ids = reach.endpoints;
    const picks = prngPicks(run + 1, ids.length, 21);
    const q0 = performance.now();
    fresh.reachableFrom(ids[picks[0] ?? 0] ?? '', cluster.ports);
    times.first.push(performance.now() - q0);
    for (const [k, e] of picks.slice(1).entries()) {
      const q = performance.now();
      if (k % 2 === 0) fresh.reachableFrom(ids[e] ?? '', cluster.ports);
      else fresh.reachableTo(ids[e] ?? '', cluster.ports);
      times.query.push(performance.now() - q);
    }
  }
  const totals = times.compile.map((c, i) => c + (times.matrix[i] ?? 0) + (times.output[i] ?? 0));
  const totalMs = median(totals);
  return {
    label: spec.label,
    size: sizeOf(spec),
    flows,
    runs: spec.runs,
    classes: last.classes,
    compileMs: median(times.compile),
    matrixMs: median(times.matrix),
    outputMs: median(times.output),
    totalMs,
    firstQueryMs: median(times.first),
    queryMs: median(times.query),
    flowsPerSecond: flows / (totalMs / 1000),
    allowedShare: last.allowed / flows,
    outputBytes: last.bytes,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    hash: last.hash,
  };
}

function sizeOf(spec: EngineBenchSize): BenchSize {
  return { namespaces: spec.namespaces, pods: spec.pods, policies: spec.policies, ports: spec.ports, ...(spec.replicas ? { replicas: spec.replicas } : {}), ...(spec.clusterPolicies ? { clusterPolicies: spec.clusterPolicies } : {}) };
}

/** The explaining engine's matrix on one size (one run), hashed like the fast path's rows. */
export function measureReference(spec: EngineBenchSize): ReferenceResult {
  const cluster = benchCluster(spec);
  const t0 = performance.now();
  const matrix = createExplainingEngine({ topology: cluster.topology, policies: cluster.policies, clusterPolicies: cluster.clusterPolicies }).matrix(cluster.ports);
  const ms = performance.now() - t0;
  const n = matrix.endpoints.length;
  const written = rowsSlice({ endpoints: matrix.endpoints, external: matrix.external, ports: matrix.ports, row: (p, i, out) => out.set((matrix.allowed[p] ?? new Uint8Array(0)).subarray(i * n, i * n + n)) });
  writeMatrixRows(written.slice, written.sink);
  return { ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, hash: written.hash() };
}

const SELF = fileURLToPath(import.meta.url);

function child<T>(mode: 'fast' | 'reference', size: EngineBenchSize): T {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', SELF, `--${mode}`, JSON.stringify(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as T;
}

/** Measures every size, each in fresh child processes (node with tsx). */
export function runEngineBench(sizes: readonly EngineBenchSize[] = ENGINE_SIZES, options: { reference?: boolean } = {}): EngineBenchResult[] {
  return sizes.map((size) => {
    const fast = child<Omit<EngineBenchResult, 'reference'>>('fast', size);
    const reference = size.reference && options.reference !== false ? child<ReferenceResult>('reference', size) : undefined;
    return { ...fast, ...(reference ? { reference } : {}) };
  });
}

export function formatEngineResults(results: readonly EngineBenchResult[]): string {
  const header = ['size', 'pods', 'policies', 'ports', 'classes', 'flows', 'compile ms', 'matrix ms', 'output ms', 'total ms', 'query ms', 'allowed', 'peak MiB', 'reference ms', 'ref peak MiB', 'new/ref', 'same'];
  const rows = results.map((r) => [
    r.label,
    String(r.size.pods),
    String(r.size.policies),
    String(r.size.ports),
    String(r.classes),
    r.flows.toLocaleString('en-US'),
    r.compileMs.toFixed(0),
    r.matrixMs.toFixed(0),
    r.outputMs.toFixed(0),
    r.totalMs.toFixed(0),
    `${r.queryMs.toFixed(1)} (${r.firstQueryMs.toFixed(0)})`,
    `${(r.allowedShare * 100).toFixed(1)}%`,
    r.peakRssMiB.toFixed(0),
    r.reference ? r.reference.ms.toFixed(0) : '-',
    r.reference ? r.reference.peakRssMiB.toFixed(0) : '-',
    r.reference ? (r.totalMs / r.reference.ms).toFixed(3) : '-',
    r.reference ? (r.reference.hash === r.hash ? 'yes' : 'NO') : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

if (process.argv[1] === SELF) {
  const mode = process.argv.find((a) => a === '--fast' || a === '--reference');
  if (mode) {
    const size = JSON.parse(process.argv[process.argv.indexOf(mode) + 1] ?? '{}') as EngineBenchSize;
    process.stdout.write(`${JSON.stringify(mode === '--fast' ? measureFast(size) : measureReference(size))}\n`);
  } else {
    const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
    const sizes = only.length > 0 ? ENGINE_SIZES.filter((s) => only.includes(s.label)) : ENGINE_SIZES;
    const results = runEngineBench(sizes, { reference: !process.argv.includes('--no-reference') });
    if (process.argv.includes('--json')) for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
    else process.stdout.write(`Engine: full matrix, medians (query: median of 20, first in parentheses)\n${formatEngineResults(results)}\n`);
  }
}
