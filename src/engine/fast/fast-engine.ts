// The fast path of the engine: reachability from verdicts between endpoint classes, bitsets and
// word operations. Compiled on first use, so a command that only explains one flow never pays for
// it. Ports judged alike by every policy share one class matrix. It gives the same answers as the
// explaining path (src/engine/evaluate.ts) under every engine option; only explanations are left out.
import { UnknownEndpointError } from '../../model/errors.js';
import type { ClusterState } from '../compile.js';
import type { PortSpec } from '../../model/topology.js';
import type { Flow } from '../../model/verdicts.js';
import type { EngineOptions } from '../options.js';
import { judged, type ReachabilityMatrix } from '../reachability.js';
import { hasBit, wordsFor, type Bits } from './bitset.js';
import { ClassVerdicts } from './class-matrix.js';
import { buildClassIndex, type ClassIndex } from './classes.js';
import { policyFeatures } from './features.js';
import { compilePolicies, type FastPolicies } from './policies.js';
import { PortResolver, portView } from './port-view.js';

interface Compiled {
  index: ClassIndex;
  policies: FastPolicies;
  resolver: PortResolver;
  external: boolean[];
}

export class FastEngine {
  private compiled: Compiled | undefined;
  private readonly byPort = new Map<string, ClassVerdicts>();
  /** Class matrices by port signature: ports every policy judges alike share one. */
  private readonly matrices = new Map<string, Uint32Array>();

  constructor(
    private readonly state: ClusterState,
    private readonly options: EngineOptions,
  ) {
    // The Admin and Baseline tiers are not compiled here yet: createEngine answers such states on
    // the explaining path. Refusing them keeps a direct user from silently wrong answers.
    if ((state.clusterPolicies ?? []).length > 0) throw new Error('the fast path does not evaluate cluster-scoped policies; use createEngine');
  }

  /** Classes and policies over classes: linear in pods plus policies (selectors run per label set). */
  compile(): Compiled {
    if (!this.compiled) {
      const features = policyFeatures(this.state.policies, this.options);
      const index = buildClassIndex(this.state.topology, features, this.options);
      const policies = compilePolicies(index, this.state.policies, this.options);
      const external = Array.from(index.external, (e) => e === 1);
      this.compiled = { index, policies, resolver: new PortResolver(index, this.options), external };
    }
    return this.compiled;
  }

  /** Whether compile() has run. */
  get ready(): boolean {
    return this.compiled !== undefined;
  }

  /** How many classes the endpoints fall into. */
  get classCount(): number {
    return this.compile().index.classes.length;
  }

  /** The policies seen on one port, built on first use (tens of milliseconds at 5,000 policies). */
  verdictsOn(port: PortSpec): ClassVerdicts {
    const portKey = `${port.port}/${port.protocol}`;
    let verdicts = this.byPort.get(portKey);
    if (!verdicts) {
      const { index, policies, resolver } = this.compile();
      this.byPort.set(portKey, (verdicts = new ClassVerdicts(index, policies, portView(index, policies, port, resolver, this.options))));
    }
    return verdicts;
  }

  private endpoint(id: string): number {
    const { index } = this.compile();
    const i = index.byId.get(id);
    if (i === undefined) throw new UnknownEndpointError(id, index.ids);
    return i;
  }

  isAllowed(flow: Flow): boolean {
    const from = this.endpoint(flow.from);
    const to = this.endpoint(flow.to);
    if (from === to) return true;
    const { classOf } = this.compile().index;
    return this.verdictsOn(flow).allows(classOf[from] ?? 0, classOf[to] ?? 0);
  }

  reachability(ports: readonly PortSpec[]): ReachabilityMatrix {
    const { index, external, policies, resolver } = this.compile();
    const tables = ports.map((port) => {
      const signature = resolver.signature(policies, port);
      let table = this.matrices.get(signature);
      if (!table) this.matrices.set(signature, (table = this.verdictsOn(port).matrix()));
      return table;
    });
    return classReachability(index, external, ports, tables);
  }

  /** Per port, one byte per endpoint: 1 when `from` may reach it (0 for itself and external pairs). */
  reachableFrom(from: string, ports: readonly PortSpec[]): Uint8Array[] {
    const i = this.endpoint(from);
    const { index, external } = this.compile();
    return ports.map((port) => expand(index, external, this.verdictsOn(port).row(index.classOf[i] ?? 0), i));
  }

  /** Per port, one byte per endpoint: 1 when it may reach `to`. */
  reachableTo(to: string, ports: readonly PortSpec[]): Uint8Array[] {
    const j = this.endpoint(to);
    const { index, external } = this.compile();
    return ports.map((port) => expand(index, external, this.verdictsOn(port).column(index.classOf[j] ?? 0), j));
  }
}

/** Class bits to endpoint bytes; `self` and, when `self` is external, every external host stay 0. */
function expand(index: ClassIndex, external: readonly boolean[], classes: Bits, self: number): Uint8Array {
  const out = new Uint8Array(index.ids.length);
  for (let e = 0; e < out.length; e++) if (judged(external, self, e) && hasBit(classes, index.classOf[e] ?? 0)) out[e] = 1;
  return out;
}

function classReachability(index: ClassIndex, external: boolean[], ports: readonly PortSpec[], tables: Uint32Array[]): ReachabilityMatrix {
  const words = wordsFor(index.classes.length);
  const { classOf } = index;
  const n = index.ids.length;
  return {
    endpoints: index.ids,
    external,
    ports: [...ports],
    classes: index.classes.length,
    rowKey: (from) => classOf[from] ?? -1,
    allowed(port, from, to) {
      if (!judged(external, from, to)) return false;
      const cd = classOf[to] ?? 0;
      return (((tables[port]?.[(classOf[from] ?? 0) * words + (cd >>> 5)] ?? 0) >>> (cd & 31)) & 1) === 1;
    },
    row(port, from, out) {
      const table = tables[port];
      const base = (classOf[from] ?? 0) * words;
      if (!table) {
        out.fill(0, 0, n);
        return;
      }
      for (let to = 0; to < n; to++) {
        const cd = classOf[to] ?? 0;
        out[to] = ((table[base + (cd >>> 5)] ?? 0) >>> (cd & 31)) & 1;
      }
      out[from] = 0;
      if (external[from]) for (let to = 0; to < n; to++) if (external[to]) out[to] = 0;
    },
  };
}
