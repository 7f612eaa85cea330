// A reachability matrix that never has to hold every pair: answers by pair, by row or by column.
// The fast engine backs it with verdicts between classes of endpoints; `denseReachability` wraps
// one byte per pair, as the explaining engine computes it.
import { isJudgedPair, type PortSpec } from '../model/topology.js';

export interface ReachabilityMatrix {
  /** Endpoint ids, pods first (`ns/name`), then external hosts; an endpoint is its index here. */
  readonly endpoints: readonly string[];
  readonly external: readonly boolean[];
  readonly ports: readonly PortSpec[];
  /** Whether endpoints[from] may reach endpoints[to] on ports[port]; false for pairs never judged (self, external to external). */
  allowed(port: number, from: number, to: number): boolean;
  /** Row `from` on ports[port] into `out` (one byte per endpoint): 1 allowed, 0 denied or not judged. */
  row(port: number, from: number, out: Uint8Array): void;
  /** How many endpoint classes the matrix was computed for (the endpoint count for the dense form). */
  readonly classes: number;
  /** The class of an endpoint: endpoints of one class have the same row, but for pairs never judged. */
  rowKey?(from: number): number;
}

/** isJudgedPair for two endpoints of a matrix, by index. */
export function judged(external: readonly boolean[], from: number, to: number): boolean {
  return isJudgedPair(from === to, external[from] === true, external[to] === true);
}

/** One table per port of `allowed[from * n + to]` bytes. */
export function denseReachability(endpoints: readonly string[], external: readonly boolean[], ports: readonly PortSpec[], tables: readonly Uint8Array[]): ReachabilityMatrix {
  const n = endpoints.length;
  return {
    endpoints,
    external,
    ports,
    classes: n,
    allowed: (port, from, to) => tables[port]?.[from * n + to] === 1,
    row: (port, from, out) => out.set((tables[port] ?? new Uint8Array(n * n)).subarray(from * n, from * n + n)),
  };
}
