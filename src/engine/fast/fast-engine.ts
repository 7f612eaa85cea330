// The fast path of the engine: reachability from verdicts between endpoint classes, bitsets and
// word operations, NetworkPolicies and the cluster-scoped tiers alike. Compiled on first use, so a
// command that only explains one flow never pays for it. Ports judged alike by every policy share
// one class matrix. It gives the same answers as the explaining path (src/engine/evaluate.ts) under
// every engine option; only explanations (and the warnings about same-priority ties) are left out.
// A flow travels in one address family, chosen by the families of its two ends (model/topology.ts
// chooseFamily); an ipBlock matches in its own family only. So verdicts are computed per family,
// and where pairs of classes travel in different families their rows are put together by masks.
import type { IpFamily } from '../../model/cidr.js';
import { UnknownEndpointError } from '../../model/errors.js';
import { chooseFamily } from '../../model/topology.js';
import type { ClusterState } from '../compile.js';
import type { PortSpec } from '../../model/topology.js';
import type { Flow } from '../../model/verdicts.js';
import type { EngineOptions } from '../options.js';
import { judged, type ReachabilityMatrix } from '../reachability.js';
import { emptyBits, hasBit, setBit, wordsFor, type Bits } from './bitset.js';
import { ClassVerdicts } from './class-matrix.js';
import { buildClassIndex, type ClassIndex } from './classes.js';
import { policyFeatures } from './features.js';
import { compilePolicies, type FastPolicies } from './policies.js';
import { PortResolver, portView } from './port-view.js';
import { Selections } from './selections.js';
import { addTierFeatures } from './tier-features.js';
import { compileTierPolicies, type FastTiers } from './tier-policies.js';
import { TierPortResolver, TierView } from './tier-view.js';

interface Compiled {
  index: ClassIndex;
  selections: Selections;
  resolver: PortResolver;
  tierResolver: TierPortResolver;
  external: boolean[];
  /** Per class, which of `familyLists` its addresses have (primary first). */
  familyList: Int32Array;
  familyLists: (readonly IpFamily[])[];
  /** pairFamily[a * lists + b]: the family of a flow from a class with list a to one with list b. */
  pairFamily: Uint8Array;
  /** The families some pair of classes travels in: [4] for an IPv4 cluster, the common case. */
  families: IpFamily[];
}

/** The family a flow between two families lists travels in; without one in common, the destination's (it cannot go). */
function pairFamily(from: readonly IpFamily[], to: readonly IpFamily[], requested?: IpFamily): IpFamily {
  return chooseFamily(from, to, requested) ?? requested ?? to[0] ?? 4;
}

export class FastEngine {
  private compiled: Compiled | undefined;
  private readonly byFamily = new Map<IpFamily, { policies: FastPolicies; tiers: FastTiers | undefined }>();
  private readonly byPort = new Map<string, ClassVerdicts>();
  /** Class matrices by port signature and family: ports every policy judges alike share one. */
  private readonly matrices = new Map<string, Uint32Array>();
  /** Masks by family and families list: which classes a flow from (to) such a class reaches in that family. */
  private readonly masks = new Map<string, Bits>();

  constructor(
    private readonly state: ClusterState,
    private readonly options: EngineOptions,
  ) {}

  /** Classes over endpoints: linear in pods plus policies (selectors run per label set). */
  compile(): Compiled {
    if (!this.compiled) {
      const features = policyFeatures(this.state.policies, this.options);
      addTierFeatures(features, this.state.clusterPolicies ?? []);
      const index = buildClassIndex(this.state.topology, features, this.options);
      const external = Array.from(index.external, (e) => e === 1);
      const keys = new Map<string, number>();
      const familyLists: (readonly IpFamily[])[] = [];
      const familyList = Int32Array.from(index.classes, (cls) => {
        const key = cls.families.join('');
        let list = keys.get(key);
        if (list === undefined) {
          keys.set(key, (list = familyLists.length));
          familyLists.push(cls.families);
        }
        return list;
      });
      const lists = familyLists.length;
      const pairs = new Uint8Array(lists * lists);
      familyLists.forEach((a, i) => familyLists.forEach((b, j) => void (pairs[i * lists + j] = pairFamily(a, b))));
      const families = ([4, 6] as const).filter((f) => pairs.includes(f));
      this.compiled = {
        index,
        selections: new Selections(index),
        resolver: new PortResolver(index, this.options),
        tierResolver: new TierPortResolver(index),
        external,
        familyList,
        familyLists,
        pairFamily: pairs,
        families: families.length > 0 ? families : [4],
      };
    }
    return this.compiled;
  }

  /** NetworkPolicies and cluster-scoped policies over classes as flows of one family see them, compiled on first use. */
  private policies(family: IpFamily): { policies: FastPolicies; tiers: FastTiers | undefined } {
    let compiled = this.byFamily.get(family);
    if (!compiled) {
      const { index, selections } = this.compile();
      const clusterPolicies = this.state.clusterPolicies ?? [];
      compiled = {
        policies: compilePolicies(index, this.state.policies, selections, this.options, family),
        tiers: clusterPolicies.length > 0 ? compileTierPolicies(index, clusterPolicies, selections, family) : undefined,
      };
      this.byFamily.set(family, compiled);
    }
    return compiled;
  }

  /** Whether compile() has run. */
  get ready(): boolean {
    return this.compiled !== undefined;
  }

  /** How many classes the endpoints fall into. */
  get classCount(): number {
    return this.compile().index.classes.length;
  }

  /** The policies seen on one port by flows of one family, built on first use (tens of milliseconds at 5,000 policies). */
  verdictsOn(port: PortSpec, family: IpFamily = 4): ClassVerdicts {
    const portKey = `${port.port}/${port.protocol}/${family}`;
    let verdicts = this.byPort.get(portKey);
    if (!verdicts) {
      const { index, resolver, tierResolver } = this.compile();
      const { policies, tiers } = this.policies(family);
      const tierView = tiers ? new TierView(index, tiers, tierResolver, port) : undefined;
      this.byPort.set(portKey, (verdicts = new ClassVerdicts(index, policies, portView(index, policies, port, resolver, this.options), tierView)));
    }
    return verdicts;
  }

  /**
   * The classes a flow from (`from`) or to (`to`) a class with families list `list` reaches in
   * `family`: the destinations (sources) it travels to (from) in that family.
   */
  private mask(family: IpFamily, list: number, end: 'from' | 'to'): Bits {
    const key = `${family}|${list}|${end}`;
    let bits = this.masks.get(key);
    if (!bits) {
      const { index, familyList, familyLists, pairFamily: pairs } = this.compile();
      const lists = familyLists.length;
      bits = emptyBits(index.classes.length);
      for (let c = 0; c < index.classes.length; c++) {
        const other = familyList[c] ?? 0;
        if (pairs[end === 'from' ? list * lists + other : other * lists + list] === family) setBit(bits, c);
      }
      this.masks.set(key, bits);
    }
    return bits;
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
    const { index } = this.compile();
    const [s, d] = [index.classOf[from] ?? 0, index.classOf[to] ?? 0];
    const family = pairFamily(index.classes[s]?.families ?? [], index.classes[d]?.families ?? [], flow.family);
    return this.verdictsOn(flow, family).allows(s, d);
  }

  /** The class matrix of one port in one family, shared by ports every policy judges alike. */
  private classMatrix(port: PortSpec, family: IpFamily): Uint32Array {
    const { resolver, tierResolver } = this.compile();
    const { policies, tiers } = this.policies(family);
    const key = `${resolver.signature(policies, port)}#${tiers ? tierResolver.signature(tiers, port) : ''}|${family}`;
    let table = this.matrices.get(key);
    if (!table) this.matrices.set(key, (table = this.verdictsOn(port, family).matrix()));
    return table;
  }

  reachability(ports: readonly PortSpec[]): ReachabilityMatrix {
    const { index, external, families, familyList } = this.compile();
    const words = wordsFor(index.classes.length);
    const tables = ports.map((port) => {
      const [only, ...more] = families;
      if (only === undefined || more.length === 0) return this.classMatrix(port, only ?? 4);
      // Pairs in different families: each row takes, per family, the columns it travels to in it.
      const combined = new Uint32Array(index.classes.length * words);
      for (const family of families) {
        const table = this.classMatrix(port, family);
        for (let s = 0; s < index.classes.length; s++) {
          const mask = this.mask(family, familyList[s] ?? 0, 'from');
          for (let w = 0; w < words; w++) combined[s * words + w] = (combined[s * words + w] ?? 0) | ((table[s * words + w] ?? 0) & (mask[w] ?? 0));
        }
      }
      return combined;
    });
    return classReachability(index, external, ports, tables);
  }

  /** The classes one class reaches (or is reached by), each in the family its flows travel in. */
  private line(cls: number, port: PortSpec, end: 'from' | 'to'): Bits {
    const { index, families, familyList } = this.compile();
    const out = emptyBits(index.classes.length);
    for (const family of families) {
      const verdicts = this.verdictsOn(port, family);
      const bits = end === 'from' ? verdicts.row(cls) : verdicts.column(cls);
      const mask = families.length === 1 ? undefined : this.mask(family, familyList[cls] ?? 0, end);
      for (let w = 0; w < out.length; w++) out[w] = (out[w] ?? 0) | ((bits[w] ?? 0) & (mask ? (mask[w] ?? 0) : 0xffffffff));
    }
    return out;
  }

  /** Per port, one byte per endpoint: 1 when `from` may reach it (0 for itself and external pairs). */
  reachableFrom(from: string, ports: readonly PortSpec[]): Uint8Array[] {
    const i = this.endpoint(from);
    const { index, external } = this.compile();
    return ports.map((port) => expand(index, external, this.line(index.classOf[i] ?? 0, port, 'from'), i));
  }

  /** Per port, one byte per endpoint: 1 when it may reach `to`. */
  reachableTo(to: string, ports: readonly PortSpec[]): Uint8Array[] {
    const j = this.endpoint(to);
    const { index, external } = this.compile();
    return ports.map((port) => expand(index, external, this.line(index.classOf[j] ?? 0, port, 'to'), j));
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
