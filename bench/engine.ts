// Engine benchmark: the full reachability matrix (`createEngine(...).matrix(ports)`) of synthetic
// clusters of several sizes. Each size runs in its own child process, so its peak memory
// (`process.resourceUsage().maxRSS`) is its own and not the largest size's so far.
//
//   npx tsx bench/engine.ts            every size, a table of medians
//   npx tsx bench/engine.ts --json     the same as JSON lines
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEngine, randomCluster, type ClusterShape, type PortSpec, type Topology } from '../src/index.js';
import { median } from './stats.js';
import { syntheticClusterPolicies } from './synthetic-tiers.js';

export interface BenchSize {
  namespaces: number;
  pods: number;
  policies: number;
  /** ClusterNetworkPolicies of both tiers (bench/synthetic-tiers.ts); default none. */
  clusterPolicies?: number;
  ports: number;
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
    labels: {
      pods: { app: Array.from({ length: 24 }, (_, i) => `app-${i}`), tier: ['web', 'api', 'db', 'cache', 'worker'], version: ['v1', 'v2', 'v3'] },
      namespaces: { env: ['prod', 'staging', 'dev', 'test'], team: Array.from({ length: 7 }, (_, i) => `team-${i}`) },
    },
  };
}

export interface EngineBenchSize extends BenchSize {
  label: string;
  runs: number;
}

export const ENGINE_SIZES: EngineBenchSize[] = [
  { label: 'small', namespaces: 5, pods: 100, policies: 50, clusterPolicies: 10, ports: 2, runs: 7 },
  { label: 'medium', namespaces: 10, pods: 300, policies: 150, clusterPolicies: 30, ports: 2, runs: 5 },
  { label: 'large', namespaces: 20, pods: 1000, policies: 500, clusterPolicies: 100, ports: 2, runs: 5 },
  { label: 'wide', namespaces: 20, pods: 1000, policies: 500, clusterPolicies: 100, ports: 6, runs: 3 },
  { label: 'xl', namespaces: 40, pods: 2000, policies: 1000, clusterPolicies: 200, ports: 2, runs: 3 },
];

export interface EngineBenchResult {
  label: string;
  size: BenchSize;
  flows: number;
  runs: number;
  /** Medians over the runs, in milliseconds: compile (createEngine) and matrix. */
  compileMs: number;
  matrixMs: number;
  totalMs: number;
  flowsPerSecond: number;
  /** Share of the flows that are allowed: a sanity check that the mix is neither all-deny nor all-allow. */
  allowedShare: number;
  /** Peak resident set size of the child process, in MiB. */
  peakRssMiB: number;
}

/** Judged flows of a full matrix: ordered pairs of distinct endpoints, never external to external. */
function matrixFlowCount(topology: Topology, ports: number): number {
  const n = topology.pods.length + topology.externals.length;
  const e = topology.externals.length;
  return ports * (n * (n - 1) - e * (e - 1));
}

/** Measures one size in this process. */
export function measureSize(spec: EngineBenchSize): EngineBenchResult {
  const shape = benchShape(spec);
  const cluster = { ...randomCluster(1, shape), clusterPolicies: syntheticClusterPolicies(spec.clusterPolicies ?? 0, spec.namespaces) };
  const flows = matrixFlowCount(cluster.topology, shape.ports.length);
  const compile: number[] = [];
  const matrix: number[] = [];
  let allowed = 0;
  let peakRss = process.memoryUsage().rss;
  for (let run = 0; run < spec.runs; run++) {
    const t0 = performance.now();
    const engine = createEngine({ topology: cluster.topology, policies: cluster.policies, clusterPolicies: cluster.clusterPolicies });
    const t1 = performance.now();
    const result = engine.matrix(shape.ports);
    const t2 = performance.now();
    compile.push(t1 - t0);
    matrix.push(t2 - t1);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    allowed = result.allowed.reduce((sum, table) => sum + table.reduce((s, v) => s + v, 0), 0);
  }
  const maxRssMiB = Math.max(peakRss / 2 ** 20, process.resourceUsage().maxRSS / 1024);
  const totals = compile.map((c, i) => c + (matrix[i] ?? 0));
  const totalMs = median(totals);
  return {
    label: spec.label,
    size: { namespaces: spec.namespaces, pods: spec.pods, policies: spec.policies, clusterPolicies: spec.clusterPolicies ?? 0, ports: spec.ports },
    flows,
    runs: spec.runs,
    compileMs: median(compile),
    matrixMs: median(matrix),
    totalMs,
    flowsPerSecond: flows / (totalMs / 1000),
    allowedShare: allowed / flows,
    peakRssMiB: maxRssMiB,
  };
}

const SELF = fileURLToPath(import.meta.url);

/** Measures every size, each in a fresh child process (node with tsx). */
export function runEngineBench(sizes: readonly EngineBenchSize[] = ENGINE_SIZES): EngineBenchResult[] {
  return sizes.map((size) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', SELF, '--child', JSON.stringify(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as EngineBenchResult;
  });
}

export function formatEngineResults(results: readonly EngineBenchResult[]): string {
  const header = ['size', 'ns', 'pods', 'policies', 'cnps', 'ports', 'flows', 'compile ms', 'matrix ms', 'total ms', 'flows/s', 'allowed', 'peak RSS MiB'];
  const rows = results.map((r) => [
    r.label,
    String(r.size.namespaces),
    String(r.size.pods),
    String(r.size.policies),
    String(r.size.clusterPolicies ?? 0),
    String(r.size.ports),
    r.flows.toLocaleString('en-US'),
    r.compileMs.toFixed(0),
    r.matrixMs.toFixed(0),
    r.totalMs.toFixed(0),
    Math.round(r.flowsPerSecond).toLocaleString('en-US'),
    `${(r.allowedShare * 100).toFixed(1)}%`,
    r.peakRssMiB.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

if (process.argv[1] === SELF) {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const size = JSON.parse(process.argv[child + 1] ?? '{}') as EngineBenchSize;
    process.stdout.write(`${JSON.stringify(measureSize(size))}\n`);
  } else {
    const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
    const sizes = only.length > 0 ? ENGINE_SIZES.filter((s) => only.includes(s.label)) : ENGINE_SIZES;
    const results = runEngineBench(sizes);
    if (process.argv.includes('--json')) for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
    else process.stdout.write(`Engine: full matrix, medians (compile = createEngine, matrix = engine.matrix(ports))\n${formatEngineResults(results)}\n`);
  }
}
