// What every engine answers. createEngine (index.ts) combines the explaining path and the fast path;
// createExplainingEngine (explaining.ts) answers everything flow by flow, as the reference.
import type { PortSpec } from '../model/topology.js';
import type { Flow } from '../model/verdicts.js';
import type { ClusterState } from './compile.js';
import type { ExplainedVerdict } from './evaluate.js';
import type { EngineOptions } from './options.js';
import type { ReachabilityMatrix } from './reachability.js';

export interface Engine {
  readonly state: ClusterState;
  readonly options: EngineOptions;
  /** The verdict with its explanation: isolation per direction, the policies, the rules that allowed it. */
  verdict(flow: Flow): ExplainedVerdict;
  isAllowed(flow: Flow): boolean;
  /** Every ordered pair of distinct endpoints on each port, one byte per pair (see Matrix). */
  matrix(ports: readonly PortSpec[]): Matrix;
  /** The same answers without one byte per pair: by pair or by row, for matrices of any size. */
  reachability(ports: readonly PortSpec[]): ReachabilityMatrix;
  /** Per port, one byte per endpoint (matrix order): 1 when `from` may reach it; 0 when denied or not judged. */
  reachableFrom(from: string, ports: readonly PortSpec[]): Uint8Array[];
  /** Per port, one byte per endpoint: 1 when it may reach `to`. */
  reachableTo(to: string, ports: readonly PortSpec[]): Uint8Array[];
}

/** One table per port: `allowed[from * size + to]` is 1 when the flow is allowed. */
export interface Matrix {
  endpoints: string[];
  /** Endpoints that are external hosts: flows between two of them are never judged. */
  external: boolean[];
  ports: PortSpec[];
  allowed: Uint8Array[];
}

