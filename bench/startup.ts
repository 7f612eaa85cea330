// Start-up on a big state: the 10,000-pod, 5,000-policy state of the engine bench with its 200
// ClusterNetworkPolicies, written as one List JSON file, and the commands a user runs on it, end to
// end as child processes (load, validate, compile, answer): `explain` of one flow (budget 2 s),
// `matrix --from` one pod, and `validate`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCluster } from './engine.js';
import { writeListFile } from './manifests.js';
import { median } from './stats.js';

export const EXPLAIN_BUDGET_MS = 2000;
const BIN = fileURLToPath(new URL('../bin/netpol-conformance.js', import.meta.url));

export interface StartupResult {
  pods: number;
  policies: number;
  clusterPolicies: number;
  fileMiB: number;
  commands: { label: string; medianMs: number; minMs: number; peakRssMiB: number }[];
}

function timeCommand(args: string[], runs: number): { medianMs: number; minMs: number; peakRssMiB: number } {
  const times: number[] = [];
  let peak = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    // /usr/bin/time is not everywhere: the child reports its own peak memory on stderr instead.
    const child = spawnSync(process.execPath, ['--import', fileURLToPath(new URL('./report-rss.mjs', import.meta.url)), BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t0);
    if (child.status !== 0) throw new Error(`netpol-conformance ${args.join(' ')} failed: ${child.stderr}`);
    peak = Math.max(peak, Number(/peak-rss-kib (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024);
  }
  return { medianMs: median(times), minMs: Math.min(...times), peakRssMiB: peak };
}

export function runStartupBench(runs = 3): StartupResult {
  const size = { namespaces: 100, pods: 10000, policies: 5000, ports: 2, clusterPolicies: 200 };
  const cluster = benchCluster(size);
  const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-'));
  try {
    const file = join(dir, 'state-10k.json');
    writeListFile(cluster, file);
    const [a, b] = cluster.topology.pods;
    const from = `${a?.namespace}/${a?.name}`;
    const to = `${b?.namespace}/${b?.name}`;
    const commands = [
      { label: 'explain one flow', ...timeCommand(['explain', '-f', file, '--from', from, '--to', to, '-p', '80/TCP'], runs) },
      { label: 'matrix --from one pod, 2 ports, json', ...timeCommand(['matrix', '-f', file, '--from', from, '-p', '80/TCP', '-p', '53/UDP', '-o', 'json'], runs) },
      { label: 'validate', ...timeCommand(['validate', '-f', file], runs) },
    ];
    return { pods: size.pods, policies: size.policies, clusterPolicies: size.clusterPolicies, fileMiB: statSync(file).size / 2 ** 20, commands };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatStartup(r: StartupResult): string {
  const lines = [`Start-up on a ${r.pods}-pod, ${r.policies}-policy, ${r.clusterPolicies}-ClusterNetworkPolicy List file (${r.fileMiB.toFixed(1)} MiB of JSON), end to end, medians:`];
  for (const c of r.commands) lines.push(`  ${c.label}: ${c.medianMs.toFixed(0)} ms (min ${c.minMs.toFixed(0)}), peak ${c.peakRssMiB.toFixed(0)} MiB`);
  return lines.join('\n');
}
