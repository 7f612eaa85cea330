// The engine: an exact, explaining evaluator of networking.k8s.io/v1 NetworkPolicy (docs/semantics.md).
// Pure and synchronous: no I/O; returns values or throws typed errors.
import type { Flow } from '../model/verdicts.js';
import { endpointIds, isJudgedPair, type PortSpec, type Topology } from '../model/topology.js';
import { compileState, type ClusterState, type CompiledState } from './compile.js';
import { explainFlow, flowAllowed, type ExplainedVerdict } from './evaluate.js';
import type { EngineOptions } from './options.js';

export type { ClusterState } from './compile.js';
export type { ExplainedVerdict, RuleCheck, TierRuleCheck } from './evaluate.js';
export { ENGINE_FAULTS, isEngineFault, type EngineFault, type EngineOptions } from './options.js';
export { effectivePolicyTypes } from './policy-types.js';
export { compilePort, describePort, portMatches } from './ports.js';
export { tierMatcher, type MatchedEndpoint, type TierMatcher } from './tier-matcher.js';

export interface Engine {
  readonly state: ClusterState;
  readonly options: EngineOptions;
  /** The verdict with its explanation: isolation per direction, the policies, the rules that allowed it. */
  verdict(flow: Flow): ExplainedVerdict;
  isAllowed(flow: Flow): boolean;
  /** Reachability of every ordered pair of distinct endpoints on each port (see computeMatrix). */
  matrix(ports: readonly PortSpec[]): Matrix;
}

/** One table per port: `allowed[from * size + to]` is 1 when the flow is allowed. */
export interface Matrix {
  endpoints: string[];
  /** Endpoints that are external hosts: flows between two of them are never judged. */
  external: boolean[];
  ports: PortSpec[];
  allowed: Uint8Array[];
}

export function createEngine(state: ClusterState, options: EngineOptions = {}): Engine {
  const compiled: CompiledState = compileState(state, options);
  return {
    state,
    options,
    verdict: (flow) => explainFlow(compiled, flow, options),
    isAllowed: (flow) => flowAllowed(compiled, flow, options),
    matrix: (ports) => computeMatrix(compiled, ports, options),
  };
}

function computeMatrix(compiled: CompiledState, ports: readonly PortSpec[], options: EngineOptions): Matrix {
  const endpoints = compiled.endpoints.map((e) => e.id);
  const n = endpoints.length;
  const external = compiled.endpoints.map((e) => e.pod === undefined);
  const allowed = ports.map((port) => {
    const table = new Uint8Array(n * n);
    const flow: Flow = { from: '', to: '', port: port.port, protocol: port.protocol };
    for (let i = 0; i < n; i++) {
      flow.from = endpoints[i] ?? '';
      for (let j = 0; j < n; j++) {
        if (!isJudgedPair(i === j, external[i] === true, external[j] === true)) continue;
        flow.to = endpoints[j] ?? '';
        table[i * n + j] = flowAllowed(compiled, flow, options) ? 1 : 0;
      }
    }
    return table;
  });
  return { endpoints, external, ports: [...ports], allowed };
}

/** Every ordered pair of distinct endpoints (never external to external) on every port. */
export function allFlows(topology: Topology, ports: readonly PortSpec[]): Flow[] {
  const ids = endpointIds(topology);
  const externals = new Set(topology.externals.map((e) => e.name));
  const flows: Flow[] = [];
  for (const port of ports) {
    for (const from of ids) {
      for (const to of ids) {
        if (!isJudgedPair(from === to, externals.has(from), externals.has(to))) continue;
        flows.push({ from, to, port: port.port, protocol: port.protocol });
      }
    }
  }
  return flows;
}
