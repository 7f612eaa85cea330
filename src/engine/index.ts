// The engine: an exact evaluator of networking.k8s.io/v1 NetworkPolicy (docs/semantics.md).
// Pure and synchronous: no I/O; returns values or throws typed errors. Two paths give the same
// answers: the explaining path judges one flow with its reasons (verdict); the fast path
// (src/engine/fast) judges classes of endpoints with bitsets, for matrices and bulk queries.
import type { Flow } from '../model/verdicts.js';
import type { IpFamily } from '../model/cidr.js';
import { chooseFamily, endpointIds, familiesOf, isJudgedPair, podId, type PortSpec, type Topology } from '../model/topology.js';
import { type ClusterState } from './compile.js';
import { createExplainingEngine } from './explaining.js';
import { FastEngine } from './fast/fast-engine.js';
import type { EngineOptions } from './options.js';
import type { ReachabilityMatrix } from './reachability.js';
import type { Engine, Matrix } from './engine.js';

export type { ClusterState } from './compile.js';
export type { ExplainedVerdict, RuleCheck, TierRuleCheck } from './evaluate.js';
export { createExplainingEngine } from './explaining.js';
export { ENGINE_FAULTS, isEngineFault, type EngineFault, type EngineOptions } from './options.js';
export { effectivePolicyTypes } from './policy-types.js';
export { compilePort, describePort, portMatches } from './ports.js';
export { tierMatcher, type MatchedEndpoint, type TierMatcher } from './tier-matcher.js';
export { judged, type ReachabilityMatrix } from './reachability.js';
export { FastEngine } from './fast/fast-engine.js';
export type { Engine, Matrix } from './engine.js';

/** Below this many isAllowed calls the explaining path answers (its set-up is lazy and costs nothing). */
const FAST_AFTER_CALLS = 16;

export function createEngine(state: ClusterState, options: EngineOptions = {}): Engine {
  const explaining = createExplainingEngine(state, options);
  const fast = new FastEngine(state, options);
  let calls = 0;
  return {
    state,
    options,
    verdict: (flow) => explaining.verdict(flow),
    isAllowed: (flow) => (fast.ready || ++calls > FAST_AFTER_CALLS ? fast.isAllowed(flow) : explaining.isAllowed(flow)),
    matrix: (ports) => denseMatrix(fast.reachability(ports)),
    reachability: (ports) => fast.reachability(ports),
    reachableFrom: (from, ports) => fast.reachableFrom(from, ports),
    reachableTo: (to, ports) => fast.reachableTo(to, ports),
  };
}

/** One byte per pair, row by row. */
export function denseMatrix(reach: ReachabilityMatrix): Matrix {
  const n = reach.endpoints.length;
  const allowed = reach.ports.map((_, p) => {
    const table = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) reach.row(p, i, table.subarray(i * n, i * n + n));
    return table;
  });
  return { endpoints: [...reach.endpoints], external: [...reach.external], ports: [...reach.ports], allowed };
}

/**
 * Every ordered pair of distinct endpoints (never external to external) on every port, each in its
 * default address family; ends with no family in common (an IPv6 host and a pod of an IPv4-only
 * node network) cannot talk and are left out.
 */
export function allFlows(topology: Topology, ports: readonly PortSpec[]): Flow[] {
  const ids = endpointIds(topology);
  const externals = new Set(topology.externals.map((e) => e.name));
  // As findEndpoint would: the first endpoint of an id (a map, so big topologies stay linear).
  const families = new Map<string, IpFamily[]>();
  const note = (id: string, endpoint: Parameters<typeof familiesOf>[0]): void => void (families.has(id) || families.set(id, familiesOf(endpoint)));
  for (const pod of topology.pods) note(podId(pod.namespace, pod.name), pod);
  for (const ext of topology.externals) note(ext.name, ext);
  const flows: Flow[] = [];
  for (const port of ports) {
    for (const from of ids) {
      for (const to of ids) {
        if (!isJudgedPair(from === to, externals.has(from), externals.has(to))) continue;
        if (chooseFamily(families.get(from) ?? [], families.get(to) ?? []) === undefined) continue;
        flows.push({ from, to, port: port.port, protocol: port.protocol });
      }
    }
  }
  return flows;
}
