// What the rich matrix outputs (md, csv, dot, svg, html) draw: every endpoint with its namespace
// and address, and per port one cell per ordered pair. A cell the spec leaves to the implementation
// (it changes with an implementation-defined choice such as whether ipBlocks match pod addresses)
// is marked as such, next to the verdict of the option in force.
import type { ClusterPolicy } from '../model/cluster-policy.js';
import { createEngine, type EngineOptions } from '../engine/index.js';
import type { NetworkPolicy } from '../model/api.js';
import { endpointIds, type PortSpec, type Topology } from '../model/topology.js';
import type { Reachability } from '../model/verdicts.js';

/** Cell codes, one byte per ordered pair. */
export const CELL = { denied: 0, allowed: 1, unknown: 2, notJudged: 3 } as const;
export type CellCode = (typeof CELL)[keyof typeof CELL];

export interface ViewEndpoint {
  /** The endpoint id every command accepts: `ns/name` (pods) or the external host's name. */
  id: string;
  /** The pod's namespace; undefined for an external host. */
  namespace?: string;
  /** The name inside its namespace (`web[Deployment]`), or the external host's name. */
  name: string;
  ip: string;
  external: boolean;
  /** A pod in its node's network namespace: policies never select it; it is seen as its node's address. */
  hostNetwork?: boolean;
}

export interface MatrixView {
  endpoints: ViewEndpoint[];
  ports: PortSpec[];
  /** Per port, `cells[p][from * n + to]`: a CELL code. */
  cells: Uint8Array[];
  /** Per port, 1 where the verdict is implementation-defined (absent: nothing is). */
  varies?: Uint8Array[];
  /** Why cells vary, for the legend and the explanations. */
  variesBecause?: string;
}

export function viewEndpoints(topology: Topology): ViewEndpoint[] {
  return [
    ...topology.pods.map((p) => ({ id: `${p.namespace}/${p.name}`, namespace: p.namespace, name: p.name, ip: p.ip, external: false, ...(p.hostNetwork ? { hostNetwork: true } : {}) })),
    ...topology.externals.map((e) => ({ id: e.name, name: e.name, ip: e.ip, external: true })),
  ];
}

export function judgedPair(endpoints: readonly ViewEndpoint[], from: number, to: number): boolean {
  return from !== to && !(endpoints[from]?.external === true && endpoints[to]?.external === true);
}

export function cellAt(view: MatrixView, port: number, from: number, to: number): CellCode {
  return (view.cells[port]?.[from * view.endpoints.length + to] ?? CELL.notJudged) as CellCode;
}

export function variesAt(view: MatrixView, port: number, from: number, to: number): boolean {
  return view.varies?.[port]?.[from * view.endpoints.length + to] === 1;
}

export function cellName(code: CellCode): Reachability | 'not judged' {
  return code === CELL.allowed ? 'allowed' : code === CELL.denied ? 'denied' : code === CELL.unknown ? 'unknown' : 'not judged';
}

function tables(endpoints: readonly ViewEndpoint[], ports: readonly PortSpec[], allowed: readonly (Uint8Array | undefined)[]): Uint8Array[] {
  const n = endpoints.length;
  return ports.map((_, p) => {
    const out = new Uint8Array(n * n).fill(CELL.notJudged);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (judgedPair(endpoints, i, j)) out[i * n + j] = allowed[p]?.[i * n + j] === 1 ? CELL.allowed : CELL.denied;
    return out;
  });
}

/**
 * The spec's matrix. Cells that change when ipBlocks stop (or start) matching pod addresses, and
 * flows from or to a hostNetwork pod, are implementation-defined.
 */
export function specView(topology: Topology, policies: readonly NetworkPolicy[], ports: readonly PortSpec[], options: EngineOptions = {}, clusterPolicies: readonly ClusterPolicy[] = []): MatrixView {
  const endpoints = viewEndpoints(topology);
  const n = endpoints.length;
  const engine = createEngine({ topology, policies, clusterPolicies }, options);
  const cells = tables(endpoints, ports, engine.matrix(ports).allowed);
  const podIps = options.ipBlockMatchesPodIps ?? true;
  const other = tables(endpoints, ports, createEngine({ topology, policies, clusterPolicies }, { ...options, ipBlockMatchesPodIps: !podIps }).matrix(ports).allowed);
  let any = false;
  const varies = cells.map((table, p) => {
    const out = new Uint8Array(n * n);
    for (let i = 0; i < n * n; i++) {
      const host = endpoints[Math.floor(i / n)]?.hostNetwork === true || endpoints[i % n]?.hostNetwork === true;
      if (table[i] !== CELL.notJudged && (table[i] !== other[p]?.[i] || host)) {
        out[i] = 1;
        any = true;
      }
    }
    return out;
  });
  const because = `whether ipBlocks match pod addresses (${podIps ? 'on here; off as in Cilium' : 'off here; on as upstream e2e expects'}), or how a plugin treats hostNetwork pods`;
  return { endpoints, ports: [...ports], cells, ...(any ? { varies, variesBecause: because } : {}) };
}

/** What a target observed, flow by flow. */
export function observedView(topology: Topology, ports: readonly PortSpec[], observed: readonly { flow: { from: string; to: string; port: number; protocol: string }; reachability: Reachability }[]): MatrixView {
  const endpoints = viewEndpoints(topology);
  const n = endpoints.length;
  const index = new Map(endpointIds(topology).map((id, i) => [id, i]));
  const cells = ports.map(() => new Uint8Array(n * n).fill(CELL.notJudged));
  for (const o of observed) {
    const p = ports.findIndex((q) => q.port === o.flow.port && q.protocol === o.flow.protocol);
    const from = index.get(o.flow.from);
    const to = index.get(o.flow.to);
    if (p < 0 || from === undefined || to === undefined) continue;
    const table = cells[p];
    if (table) table[from * n + to] = o.reachability === 'allowed' ? CELL.allowed : o.reachability === 'denied' ? CELL.denied : CELL.unknown;
  }
  return { endpoints, ports: [...ports], cells };
}
