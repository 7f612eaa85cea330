// The netns target at scale: a 40-pod cluster (4 namespaces, 20 policies of the engine bench's
// mix) as real network namespaces, and its full matrix with real packets on 80/TCP and 53/UDP:
// 1,560 flows per port, each checked against the engine. Budget: under 3 s per port.
import { allFlows, createEngine, createTarget, observedReachability, type PortSpec, type Reachability } from '../src/index.js';
import { benchCluster } from './engine.js';
import { median } from './stats.js';

export const SCALE_PODS = 40;
export const SCALE_BUDGET_MS = 3000;
const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
];

export interface NetnsScaleResult {
  pods: number;
  policies: number;
  /** Building 40 namespaces, their dataplane and agents, and applying the policies. */
  setupMs: number;
  ports: { port: string; flows: number; allowed: number; medianMs: number; minMs: number; maxMs: number; disagreements: number }[];
}

export async function runNetnsScale(runs: number): Promise<NetnsScaleResult> {
  const cluster = benchCluster({ namespaces: 4, pods: SCALE_PODS, policies: 20, ports: 2 });
  const topology = { ...cluster.topology, externals: [] }; // pods only: externals would be probed too
  const start = performance.now();
  const target = await createTarget({ name: 'netns', options: {} });
  try {
    await target.up(topology);
    await target.apply(cluster.policies);
    const setupMs = performance.now() - start;
    const engine = createEngine({ topology, policies: cluster.policies });
    const ports: NetnsScaleResult['ports'] = [];
    for (const port of PORTS) {
      const flows = allFlows(topology, [port]);
      const expected: Reachability[] = flows.map((f) => (engine.isAllowed(f) ? 'allowed' : 'denied'));
      const times: number[] = [];
      let disagreements = 0;
      for (let run = 0; run < runs; run++) {
        const t0 = performance.now();
        const observations = await target.probe(flows, { expected });
        times.push(performance.now() - t0);
        disagreements = Math.max(disagreements, observations.filter((o, i) => observedReachability(o) !== expected[i]).length);
      }
      ports.push({ port: `${port.port}/${port.protocol}`, flows: flows.length, allowed: expected.filter((e) => e === 'allowed').length, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), disagreements });
    }
    return { pods: SCALE_PODS, policies: cluster.policies.length, setupMs, ports };
  } finally {
    await target.down();
  }
}

export function formatNetnsScale(r: NetnsScaleResult): string {
  const lines = [`netns at scale: ${r.pods} pods, ${r.policies} policies; set-up ${r.setupMs.toFixed(0)} ms (namespaces, dataplane, agents, policies)`];
  for (const p of r.ports) {
    lines.push(`  matrix ${p.port}: ${p.flows} flows in ${p.medianMs.toFixed(0)} ms (min ${p.minMs.toFixed(0)}, max ${p.maxMs.toFixed(0)}; ${((p.medianMs / SCALE_BUDGET_MS) * 100).toFixed(0)}% of the ${SCALE_BUDGET_MS / 1000} s budget); ${p.allowed} allowed; ${p.disagreements} disagreeing with the engine`);
  }
  return lines.join('\n');
}

export function netnsScaleFailed(r: NetnsScaleResult): boolean {
  return r.ports.some((p) => p.medianMs >= SCALE_BUDGET_MS || p.disagreements > 0);
}
