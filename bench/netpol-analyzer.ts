// The peer users pick instead: np-guard's netpol-analyzer (Go). Where Go is present, it is built
// from its module into a cache directory outside the repository (never vendored), fed the same
// states as manifest files, and its connectivity list (every pair, every port) is timed and
// compared, pair by pair and port by port, with ours computed from the same files.
//
// Two of its choices shape the comparison (see docs/benchmarks.md): ipBlocks never match pod
// addresses (so ours runs with ipBlockMatchesPodIps: false, an option the spec leaves open), and it
// refuses an egress rule with a named port that can reach an ipBlock (so both tools read the
// state with such rules split, see analyzer-state.ts; our verdicts are checked to be unchanged).
import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildTopology, FastEngine, loadManifests, PROTOCOLS, writeMatrixRows, type NetworkPolicy, type Protocol } from '../src/index.js';
import { rowsSlice } from './engine-support.js';
import { portClasses } from './port-classes.js';

export const ANALYZER_MODULE = 'github.com/np-guard/netpol-analyzer';
export const ANALYZER_VERSION = process.env['NETPOL_ANALYZER_VERSION'] ?? 'v1.4.2';

export function analyzerCacheDir(): string {
  return process.env['NETPOL_BENCH_CACHE'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'netpol-conformance', 'netpol-analyzer');
}

export type AnalyzerBuild = { kind: 'built'; binary: string; version: string; buildMs: number } | { kind: 'skipped'; reason: string };

/**
 * `go build` of its command from the module proxy, once per version. Its module is not in the
 * checksum database this machine reaches, hence GONOSUMDB for its path only.
 */
export async function buildAnalyzer(version = ANALYZER_VERSION): Promise<AnalyzerBuild> {
  const go = await execa('go', ['version'], { reject: false });
  if (go.exitCode !== 0) return { kind: 'skipped', reason: 'Go is not installed' };
  const root = analyzerCacheDir();
  const binary = join(root, 'bin', `netpolicy-${version}`);
  if (existsSync(binary)) return { kind: 'built', binary, version, buildMs: 0 };
  const work = join(root, `build-${version}`);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'go.mod'), `module netpolbench\n\ngo 1.24\n\nrequire ${ANALYZER_MODULE} ${version}\n`);
  const env = { GOPATH: join(root, 'gopath'), GOFLAGS: '-mod=mod', GONOSUMDB: 'github.com/np-guard', GOTOOLCHAIN: 'local' };
  const start = performance.now();
  const build = await execa('nice', ['go', 'build', '-o', binary, `${ANALYZER_MODULE}/cmd/netpolicy`], { cwd: work, env, reject: false, all: true });
  if (build.exitCode !== 0) return { kind: 'skipped', reason: `go build of ${ANALYZER_MODULE}@${version} failed: ${(build.all ?? '').trim().split('\n').at(-1) ?? ''}` };
  return { kind: 'built', binary, version, buildMs: performance.now() - start };
}

type Connections = Map<Protocol, [number, number][]>;

/** `TCP 53,80,8000-8100,UDP 53` / `All Connections` / `No Connections` -> ranges per protocol. */
export function parseConnections(text: string): Connections {
  const out: Connections = new Map();
  if (text === 'All Connections') for (const p of PROTOCOLS) out.set(p, [[1, 65535]]);
  if (text === 'All Connections' || text === 'No Connections') return out;
  let protocol: Protocol | undefined;
  for (const part of text.split(',')) {
    const m = /^(?:(TCP|UDP|SCTP) )?(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`netpol-analyzer connection "${text}": cannot read "${part}"`);
    protocol = (m[1] as Protocol | undefined) ?? protocol;
    if (!protocol) throw new Error(`netpol-analyzer connection "${text}": no protocol`);
    out.set(protocol, [...(out.get(protocol) ?? []), [Number(m[2]), Number(m[3] ?? m[2])]]);
  }
  return out;
}

/** Canonical text of connections: merged ranges, protocols in a fixed order. */
export function formatConnections(conns: Connections): string {
  const parts: string[] = [];
  for (const p of PROTOCOLS) {
    const ranges = [...(conns.get(p) ?? [])].sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const r of ranges) {
      const last = merged.at(-1);
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    if (merged.length > 0) parts.push(`${p} ${merged.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`);
  }
  return parts.join(',') || 'none';
}

export interface AnalyzerRun {
  ms: number;
  exitCode: number;
  /** Pod to pod connections, by `ns/a>ns/b`, in formatConnections form. */
  pairs: Map<string, string>;
  error?: string;
}

/** Its resident memory, read from /proc (0 when gone). */
function rssMiB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * Its connectivity list of a directory, timed; stopped past `timeoutMs` or `memoryMiB` of resident
 * memory (it grows by gigabytes on large states, on a machine others share).
 */
export async function runAnalyzer(binary: string, dir: string, timeoutMs: number, memoryMiB: number): Promise<AnalyzerRun & { peakRssMiB: number }> {
  const start = performance.now();
  const child = execa(binary, ['list', '--dirpath', dir, '-o', 'json', '-q'], { reject: false, timeout: timeoutMs, maxBuffer: 2 ** 31 });
  let peakRssMiB = 0;
  let overMemory = false;
  const watch = setInterval(() => {
    peakRssMiB = Math.max(peakRssMiB, rssMiB(child.pid));
    if (peakRssMiB > memoryMiB && !overMemory) {
      overMemory = true;
      child.kill('SIGKILL');
    }
  }, 250);
  const run = await child.finally(() => clearInterval(watch));
  const ms = performance.now() - start;
  const pairs = new Map<string, string>();
  const stopped = (error: string) => ({ ms, exitCode: -1, pairs, error, peakRssMiB });
  if (overMemory) return stopped(`stopped at ${memoryMiB} MiB of memory after ${(ms / 1000).toFixed(0)} s`);
  if (run.timedOut) return stopped(`did not finish in ${(timeoutMs / 1000).toFixed(0)} s (${peakRssMiB.toFixed(0)} MiB by then)`);
  const text = run.stdout.trim();
  if (run.exitCode !== 0 || !text.startsWith('[')) return { ms, exitCode: run.exitCode ?? -1, pairs, error: (text || run.stderr).split('\n')[0] ?? '', peakRssMiB };
  const pod = /^(.+)\[Pod\]$/;
  for (const line of JSON.parse(text) as { src: string; dst: string; conn: string }[]) {
    const src = pod.exec(line.src)?.[1];
    const dst = pod.exec(line.dst)?.[1];
    if (src !== undefined && dst !== undefined) pairs.set(`${src}>${dst}`, formatConnections(parseConnections(line.conn)));
  }
  return { ms, exitCode: 0, pairs, peakRssMiB };
}

export interface OurRun {
  ms: number;
  /** Connections of a pod pair on every port, as formatConnections writes them ('none' for none). */
  connections(from: string, to: string): string;
  pods: string[];
  portClasses: number;
}

/** Ours from the same files: load, validate, compile, every port class's matrix, rows written. */
export function runOurs(dir: string): OurRun {
  const start = performance.now();
  const objects = loadManifests([dir]).map((l) => l.object);
  const topology = buildTopology(objects);
  const policies = objects.filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy');
  const classes = portClasses(topology, policies);
  const engine = new FastEngine({ topology, policies }, { ipBlockMatchesPodIps: false });
  const reach = engine.reachability(classes);
  const written = rowsSlice(reach);
  writeMatrixRows(written.slice, written.sink);
  const ms = performance.now() - start;
  const index = new Map(reach.endpoints.map((id, i) => [id, i]));
  const { classOf } = engine.compile().index;
  const memo = new Map<number, string>(); // pods of the same classes have the same connections
  const connections = (from: string, to: string): string => {
    const [i, j] = [index.get(from) ?? -1, index.get(to) ?? -1];
    const key = (classOf[i] ?? 0) * reach.classes + (classOf[j] ?? 0);
    const known = memo.get(key);
    if (known !== undefined) return known;
    const conns: Connections = new Map();
    classes.forEach((c, p) => {
      if (reach.allowed(p, i, j)) conns.set(c.protocol, [...(conns.get(c.protocol) ?? []), [c.port, c.end]]);
    });
    const text = formatConnections(conns);
    memo.set(key, text);
    return text;
  };
  return { ms, connections, pods: topology.pods.map((p) => `${p.namespace}/${p.name}`), portClasses: classes.length };
}

export interface Disagreement {
  pair: string;
  ours: string;
  theirs: string;
}

/** Every ordered pod pair where the two differ (a pair the analyzer leaves out has no connection). */
export function compareConnections(ours: OurRun, theirs: Map<string, string>): { pairs: number; disagreements: Disagreement[] } {
  const disagreements: Disagreement[] = [];
  let pairs = 0;
  for (const from of ours.pods) {
    for (const to of ours.pods) {
      if (from === to) continue;
      pairs++;
      const pair = `${from}>${to}`;
      const a = ours.connections(from, to);
      const b = theirs.get(pair) ?? 'none';
      if (a !== b) disagreements.push({ pair, ours: a, theirs: b });
    }
  }
  return { pairs, disagreements };
}
