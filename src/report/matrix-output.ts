// Prints a list of observed flows as a reachability matrix: one glyph truth table per port (by the
// streaming writer of matrix-stream.ts), or the JSON flow list in the order given.
import { formatPort } from '../model/notation.js';
import { distinct } from '../model/truth-table.js';
import type { Flow, Reachability } from '../model/verdicts.js';
import { writeMatrixTables } from './matrix-stream.js';
import { CELL } from './matrix-view.js';

export interface ObservedFlow {
  flow: Flow;
  reachability: Reachability;
  /** Whether the destination listens on the port (absent: it does). */
  served?: boolean;
}

/** One table per port, ports in first-seen order; a flow not in the list is not judged (-). */
export function formatMatrixTables(flows: readonly ObservedFlow[], endpoints: readonly string[]): string {
  const ports = distinct(flows.map((f) => formatPort(f.flow)));
  const index = new Map(endpoints.map((id, i) => [id, i]));
  const n = endpoints.length;
  const cells = ports.map(() => new Uint8Array(n * n).fill(CELL.notJudged));
  const unserved = new Set<string>();
  for (const { flow, reachability, served } of flows) {
    const [from, to] = [index.get(flow.from), index.get(flow.to)];
    if (from === undefined || to === undefined) continue;
    const p = ports.indexOf(formatPort(flow));
    cells[p]?.set([reachability === 'allowed' ? CELL.allowed : reachability === 'denied' ? CELL.denied : CELL.unknown], from * n + to);
    if (served === false) unserved.add(`${p}>${to}`);
  }
  const all = endpoints.map((_, i) => i);
  const parts: string[] = [];
  const portSpecs = ports.map((p) => flows.find((f) => formatPort(f.flow) === p)?.flow ?? { port: 0, protocol: 'TCP' as const });
  writeMatrixTables({ endpoints, external: endpoints.map(() => false), ports: portSpecs, sources: all, destinations: all, row: (p, from, out) => out.set((cells[p] ?? new Uint8Array(0)).subarray(from * n, from * n + n)), serves: (p, to) => !unserved.has(`${p}>${to}`) }, (t) => parts.push(t));
  return parts.join('');
}

/** `{"flows":[{"from":"ns/pod","to":"NAME","port":80,"protocol":"TCP","allowed":true,"served":true}, ...]}` */
export function formatMatrixJson(flows: readonly ObservedFlow[]): string {
  const rows = flows.map(({ flow, reachability, served }) =>
    JSON.stringify({ from: flow.from, to: flow.to, port: flow.port, protocol: flow.protocol, allowed: reachability === 'allowed', served: served ?? true }),
  );
  return `{"flows":[${rows.join(',')}]}\n`;
}
