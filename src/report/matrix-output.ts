// Prints a reachability matrix: one glyph truth table per port, or the JSON flow list.
import { formatPort } from '../model/notation.js';
import { distinct, formatGrid, GLYPH, reachabilityGlyph } from '../model/truth-table.js';
import type { Flow, Reachability } from '../model/verdicts.js';

export interface ObservedFlow {
  flow: Flow;
  reachability: Reachability;
}

export function formatMatrixTables(flows: readonly ObservedFlow[], endpoints: readonly string[]): string {
  const ports = distinct(flows.map((f) => formatPort(f.flow)));
  const sections: string[] = [];
  for (const port of ports) {
    const cells = new Map(flows.filter((f) => formatPort(f.flow) === port).map((f) => [`${f.flow.from}>${f.flow.to}`, f.reachability]));
    const glyph = (r: string, c: string): string => {
      const value = cells.get(`${r}>${c}`);
      return value === undefined ? GLYPH.notJudged : reachabilityGlyph(value);
    };
    sections.push(`${port}:\n${formatGrid(endpoints, endpoints, glyph)}`);
  }
  return `${sections.join('\n\n')}\n\n${GLYPH.allowed} allowed   ${GLYPH.denied} denied   ${GLYPH.unknown} unknown   ${GLYPH.notJudged} not judged (self, or external to external)\n`;
}

/** `{"flows":[{"from":"ns/pod","to":"NAME","port":80,"protocol":"TCP","allowed":true}, ...]}` */
export function formatMatrixJson(flows: readonly ObservedFlow[]): string {
  const rows = flows.map(({ flow, reachability }) =>
    JSON.stringify({ from: flow.from, to: flow.to, port: flow.port, protocol: flow.protocol, allowed: reachability === 'allowed' }),
  );
  return `{"flows":[${rows.join(',')}]}\n`;
}
