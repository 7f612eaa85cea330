// The part of a matrix `matrix` prints: everything, one source (--from), one destination (--to) or
// one flow, from the engine (sim: the fast path, no per-flow work) or observed on a real target.
import { createEngine, type ClusterState } from '../../engine/index.js';
import { UnknownEndpointError } from '../../model/errors.js';
import type { IpFamily } from '../../model/cidr.js';
import { chooseFamily, endpointIds, familiesOf, podId, type PortSpec, type Topology } from '../../model/topology.js';
import type { ObservedFlow } from '../../report/matrix-output.js';
import type { MatrixSlice } from '../../report/matrix-stream.js';
import { CELL } from '../../report/matrix-view.js';
import type { SimOptions } from '../../targets/spec.js';

export interface Focus {
  from?: string;
  to?: string;
}

function indexer(ids: readonly string[]): (id: string) => number {
  const index = new Map(ids.map((id, i) => [id, i]));
  return (id) => {
    const i = index.get(id);
    if (i === undefined) throw new UnknownEndpointError(id, ids);
    return i;
  };
}

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * Marks pairs whose ends have no address family in common (an IPv6 host and an IPv4-only one) as
 * not judged: no packet can go, as allFlows leaves them out. Nothing to do when every endpoint has
 * a family in common with every other (an IPv4 cluster with dual-stack pods, say).
 */
function withoutFamilyless(slice: MatrixSlice, topology: Topology): MatrixSlice {
  const lists = new Map<string, number>();
  const keys: IpFamily[][] = [];
  const listOf = [...topology.pods, ...topology.externals].map((e) => {
    const families = familiesOf(e);
    const key = families.join('');
    let list = lists.get(key);
    if (list === undefined) {
      lists.set(key, (list = keys.length));
      keys.push(families);
    }
    return list;
  });
  const apart = keys.map((a) => keys.map((b) => chooseFamily(a, b) === undefined));
  if (!apart.some((row) => row.some(Boolean))) return slice;
  return {
    ...slice,
    row(p, from, out) {
      slice.row(p, from, out);
      const mine = apart[listOf[from] ?? 0] ?? [];
      for (const to of slice.destinations) if (mine[listOf[to] ?? 0]) out[to] = CELL.notJudged;
    },
  };
}

/** The spec's answers, from the engine's fast path: a row, a column or the class matrix. */
export function specSlice(state: ClusterState, ports: PortSpec[], options: SimOptions, focus: Focus): MatrixSlice {
  return withoutFamilyless(engineSlice(state, ports, options, focus), state.topology);
}

function engineSlice(state: ClusterState, ports: PortSpec[], options: SimOptions, focus: Focus): MatrixSlice {
  const { topology } = state;
  const endpoints = endpointIds(topology);
  const indexOf = indexer(endpoints);
  const external = endpoints.map((_, i) => i >= topology.pods.length);
  const base = { endpoints, external, ports };
  const engine = createEngine(state, options);
  if (focus.from !== undefined) {
    const from = indexOf(focus.from);
    const rows = engine.reachableFrom(focus.from, ports);
    const destinations = focus.to !== undefined ? [indexOf(focus.to)] : all(endpoints.length);
    return { ...base, sources: [from], destinations, row: (p, _from, out) => out.set(rows[p] ?? []) };
  }
  if (focus.to !== undefined) {
    const to = indexOf(focus.to);
    const columns = engine.reachableTo(focus.to, ports);
    return { ...base, sources: all(endpoints.length), destinations: [to], row: (p, from, out) => void (out[to] = columns[p]?.[from] ?? 0) };
  }
  const reach = engine.reachability(ports);
  return {
    ...base,
    sources: all(endpoints.length),
    destinations: all(endpoints.length),
    row: (p, from, out) => reach.row(p, from, out),
    ...(reach.rowKey ? { rowKey: (from: number) => reach.rowKey?.(from) ?? from } : {}),
  };
}

/** What a real target observed (only the flows of the focus were probed). */
export function observedSlice(built: Topology, observed: readonly ObservedFlow[], ports: PortSpec[], focus: Focus): MatrixSlice {
  const endpoints = endpointIds(built);
  const indexOf = indexer(endpoints);
  const n = endpoints.length;
  const cells = ports.map(() => new Uint8Array(n * n).fill(CELL.notJudged));
  for (const { flow, reachability } of observed) {
    const p = ports.findIndex((q) => q.port === flow.port && q.protocol === flow.protocol);
    cells[p]?.set([reachability === 'allowed' ? CELL.allowed : reachability === 'denied' ? CELL.denied : CELL.unknown], indexOf(flow.from) * n + indexOf(flow.to));
  }
  return {
    endpoints,
    external: endpoints.map((_, i) => i >= built.pods.length),
    ports,
    sources: focus.from !== undefined ? [indexOf(focus.from)] : all(n),
    destinations: focus.to !== undefined ? [indexOf(focus.to)] : all(n),
    row: (p, from, out) => out.set((cells[p] ?? new Uint8Array(n * n)).subarray(from * n, from * n + n)),
  };
}

/** Unknown names fail before a target builds anything. */
export function checkFocus(topology: Topology, focus: Focus): void {
  const indexOf = indexer(endpointIds(topology));
  for (const id of [focus.from, focus.to]) if (id !== undefined) indexOf(id);
}

/** Whether a flow is one the focus asks for. */
export function inFocus(focus: Focus, flow: { from: string; to: string }): boolean {
  return (focus.from === undefined || flow.from === focus.from) && (focus.to === undefined || flow.to === focus.to);
}

/**
 * The slice, telling which destinations listen on each port, from the declared topology (a real
 * target serves every matrix port only to observe it).
 */
export function withServed(slice: MatrixSlice, topology: Topology): MatrixSlice {
  const portsOf = new Map<string, readonly PortSpec[]>([...topology.pods.map((p) => [podId(p.namespace, p.name), p.ports] as const), ...topology.externals.map((e) => [e.name, e.ports] as const)]);
  const served = slice.ports.map((port) => Uint8Array.from(slice.endpoints, (id) => ((portsOf.get(id) ?? []).some((q) => q.port === port.port && q.protocol === port.protocol) ? 1 : 0)));
  return { ...slice, serves: (p, to) => served[p]?.[to] === 1 };
}
