// How long a command takes to start: `netpol-conformance --help` and a small `matrix`, timed as
// whole processes from outside, against `node -e 0` of the same node (the floor: starting Node
// itself). Measured with the node a user has on PATH (which may be older and then hands over to
// the Node 24 in .tools/) and with the node running the bench, each median over interleaved runs.
//
//   sh scripts/with-node.sh tsx bench/cli-start.ts [--runs 21]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

const BIN = join(PROJECT_ROOT, 'bin/netpol-conformance.js');
const LESSON = join(PROJECT_ROOT, 'fixtures/lessons/network-policies');

/** The commands timed, as arguments after `node`. */
export const START_COMMANDS: { label: string; args: string[] }[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: '--help', args: [BIN, '--help'] },
  { label: 'matrix (5 pods)', args: [BIN, 'matrix', '-f', join(LESSON, 'topology.yaml'), '-f', join(LESSON, '2-db-policy-allow-api.yaml'), '--port', '3306/TCP'] },
];

export interface StartTimes {
  node: string;
  version: string;
  /** Median wall milliseconds per command label. */
  medianMs: Record<string, number>;
}

/** The first node on PATH outside this project (.tools/, node_modules/.bin): what a user's shell runs. */
export function userNode(pathEnv: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '' || dir.startsWith(PROJECT_ROOT)) continue;
    const file = join(dir, 'node');
    if (existsSync(file)) return file;
  }
  return undefined;
}

function timeOnce(node: string, args: readonly string[]): number {
  const start = performance.now();
  const r = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: PROJECT_ROOT });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${node} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().trim().split('\n')[0] ?? ''}`);
  return ms;
}

/** Interleaved runs (each round runs every command once), after one warm-up round. */
export function measureStart(node: string, runs: number): StartTimes {
  const samples = new Map(START_COMMANDS.map((c) => [c.label, [] as number[]]));
  for (let round = 0; round <= runs; round++) {
    for (const c of START_COMMANDS) {
      const ms = timeOnce(node, c.args);
      if (round > 0) samples.get(c.label)?.push(ms);
    }
  }
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  return { node, version, medianMs: Object.fromEntries([...samples].map(([label, ms]) => [label, median(ms)])) };
}

/** With the user's node and with this process's node (once when they are the same). */
export function runStartBench(runs: number): StartTimes[] {
  const nodes = [...new Set([userNode(), process.execPath].filter((n): n is string => n !== undefined))];
  return nodes.map((node) => measureStart(node, runs));
}

export function formatStartTimes(results: readonly StartTimes[]): string {
  const lines = ['Start time of a command (median wall time; ratio to `node -e 0` of the same node):'];
  for (const r of results) {
    const floor = r.medianMs['node -e 0'] ?? Number.NaN;
    lines.push(`  ${r.node} (${r.version}):`);
    for (const c of START_COMMANDS) {
      const ms = r.medianMs[c.label] ?? Number.NaN;
      lines.push(`    ${c.label.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / floor).toFixed(2)}x`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 21;
  process.stdout.write(`${formatStartTimes(runStartBench(Number.isInteger(runs) && runs > 0 ? runs : 21))}\n`);
}
