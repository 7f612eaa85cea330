// The explaining engine on its own: every answer from the flow-by-flow evaluator (evaluate.ts), the
// matrix included. createEngine answers matrices and bulk queries from the fast path instead; this
// one stays as the reference the fast path is tested and benchmarked against.
import type { PortSpec } from '../model/topology.js';
import type { Flow } from '../model/verdicts.js';
import { compileState, type ClusterState, type CompiledState } from './compile.js';
import { explainFlow, flowAllowed, resolveEndpoint } from './evaluate.js';
import type { Engine, Matrix } from './engine.js';
import type { EngineOptions } from './options.js';
import { denseReachability, judged } from './reachability.js';

export function createExplainingEngine(state: ClusterState, options: EngineOptions = {}): Engine {
  const compiled: CompiledState = compileState(state, options);
  const matrix = (ports: readonly PortSpec[]): Matrix => computeMatrix(compiled, ports, options);
  const line = (fixed: string, ports: readonly PortSpec[], as: 'from' | 'to'): Uint8Array[] => {
    const self = resolveEndpoint(compiled, fixed).index;
    const external = compiled.endpoints.map((e) => e.pod === undefined);
    return ports.map((port) =>
      Uint8Array.from(compiled.endpoints, (other) => {
        if (!judged(external, self, other.index)) return 0;
        const flow: Flow = { from: as === 'from' ? fixed : other.id, to: as === 'from' ? other.id : fixed, port: port.port, protocol: port.protocol };
        return flowAllowed(compiled, flow, options) ? 1 : 0;
      }),
    );
  };
  return {
    state,
    options,
    verdict: (flow) => explainFlow(compiled, flow, options),
    isAllowed: (flow) => flowAllowed(compiled, flow, options),
    matrix,
    reachability: (ports) => {
      const m = matrix(ports);
      return denseReachability(m.endpoints, m.external, m.ports, m.allowed);
    },
    reachableFrom: (from, ports) => line(from, ports, 'from'),
    reachableTo: (to, ports) => line(to, ports, 'to'),
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
        if (!judged(external, i, j)) continue;
        flow.to = endpoints[j] ?? '';
        table[i * n + j] = flowAllowed(compiled, flow, options) ? 1 : 0;
      }
    }
    return table;
  });
  return { endpoints, external, ports: [...ports], allowed };
}
