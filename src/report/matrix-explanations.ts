// The engine's explanation of every flow of a matrix, for the HTML page's hover and click. Stored
// as a table of distinct lines plus, per flow, the indexes of its lines: explanations of one
// matrix repeat most of their lines (the same isolation, the same rule checks), so a 50-endpoint
// page stays a few hundred kilobytes instead of megabytes.
import type { ClusterPolicy } from '../model/cluster-policy.js';
import { createEngine, type EngineOptions } from '../engine/index.js';
import type { NetworkPolicy } from '../model/api.js';
import type { Topology } from '../model/topology.js';
import { formatExplanation } from './explanation.js';
import { hostNetworkNotes } from './host-network.js';
import { CELL, cellAt, variesAt, type MatrixView } from './matrix-view.js';

export interface ExplanationTable {
  lines: string[];
  /**
   * `port,from,to` (indexes into the view) -> [1 when the engine allows the flow, else 0, then the
   * indexes into `lines` of its explanation after the head line]. The page writes the head line
   * (`a -> b on 80/TCP: ALLOWED`) itself: it is the one line no two flows share.
   */
  flows: Record<string, number[]>;
}

/** Above this many flows the page carries no explanations (it would be too heavy); `explain` gives them. */
export const MAX_EXPLAINED_FLOWS = 40_000;

export function flowKeyOf(port: number, from: number, to: number): string {
  return `${port},${from},${to}`;
}

export function explainMatrix(view: MatrixView, topology: Topology, policies: readonly NetworkPolicy[], options: EngineOptions = {}, clusterPolicies: readonly ClusterPolicy[] = []): ExplanationTable | undefined {
  const n = view.endpoints.length;
  if (view.ports.length * n * n > MAX_EXPLAINED_FLOWS) return undefined;
  const engine = createEngine({ topology, policies, clusterPolicies }, options);
  const table: ExplanationTable = { lines: [], flows: {} };
  const lineIndex = new Map<string, number>();
  const intern = (line: string): number => {
    let i = lineIndex.get(line);
    if (i === undefined) {
      i = table.lines.length;
      table.lines.push(line);
      lineIndex.set(line, i);
    }
    return i;
  };
  view.ports.forEach((port, p) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (cellAt(view, p, i, j) === CELL.notJudged) continue;
        const from = view.endpoints[i]?.id ?? '';
        const to = view.endpoints[j]?.id ?? '';
        const verdict = engine.verdict({ from, to, port: port.port, protocol: port.protocol });
        const lines = formatExplanation(verdict, policies, clusterPolicies).trimEnd().split('\n').slice(1);
        for (const note of hostNetworkNotes(topology, verdict.flow)) lines.push('', note);
        if (variesAt(view, p, i, j)) lines.push('', `Implementation-defined: this verdict depends on ${view.variesBecause ?? 'the implementation'}.`);
        table.flows[flowKeyOf(p, i, j)] = [verdict.allowed ? 1 : 0, ...lines.map(intern)];
      }
    }
  });
  return table;
}
