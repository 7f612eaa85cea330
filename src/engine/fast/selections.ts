// What selectors select, over endpoint classes: a pod selector is evaluated once per distinct label
// set and a namespace selector once per namespace (never once per pod), and the classes of the
// chosen namespaces and label sets are runs of the class order, set a run at a time. Shared by
// NetworkPolicies (./policies.ts) and the cluster-scoped tiers (./tier-policies.ts).
import { selectorMatches } from '../../model/selectors.js';
import type { LabelSelector, Labels } from '../../model/api.js';
import { emptyBits, setRange, type Bits } from './bitset.js';
import type { ClassIndex } from './classes.js';

class SelectorCache<T> {
  private readonly cache = new Map<string, Uint8Array>();
  constructor(private readonly subjects: readonly T[], private readonly labelsOf: (subject: T) => Labels) {}

  /** 1 for each subject the selector matches (an absent selector matches every one). */
  matches(selector: LabelSelector | undefined): Uint8Array {
    const key = JSON.stringify(selector ?? null);
    let table = this.cache.get(key);
    if (!table) {
      table = Uint8Array.from(this.subjects, (s) => (selectorMatches(selector, this.labelsOf(s)) ? 1 : 0));
      this.cache.set(key, table);
    }
    return table;
  }
}

export class Selections {
  private readonly labelCache: SelectorCache<Labels>;
  private readonly namespaceCache: SelectorCache<{ labels: Labels }>;

  constructor(private readonly index: ClassIndex) {
    this.labelCache = new SelectorCache(index.labelSets, (l) => l);
    this.namespaceCache = new SelectorCache<{ labels: Labels }>(index.namespaces, (n) => n.labels);
  }

  /** Per label set: 1 where the pod selector matches. */
  labels(selector: LabelSelector | undefined): Uint8Array {
    return this.labelCache.matches(selector);
  }

  /** Per namespace: 1 where the namespace selector matches. */
  namespacesOf(selector: LabelSelector | undefined): Uint8Array {
    return this.namespaceCache.matches(selector);
  }

  /** The pod classes of the namespaces `namespaces` accepts whose label set `labels` matches (undefined: every label set). */
  classesOf(namespaces: (ns: number) => boolean, labels: Uint8Array | undefined): Bits {
    const bits = emptyBits(this.index.classes.length);
    this.index.runs.forEach((runs, ns) => {
      if (!namespaces(ns)) return;
      for (const run of runs) if (labels === undefined || labels[run.labels] === 1) setRange(bits, run.start, run.end);
    });
    return bits;
  }

  /** Pods in the namespaces `namespaceSelector` matches whose labels `podSelector` matches. */
  pods(namespaceSelector: LabelSelector | undefined, podSelector: LabelSelector | undefined): Bits {
    const namespaces = this.namespacesOf(namespaceSelector);
    return this.classesOf((ns) => namespaces[ns] === 1, podSelector === undefined ? undefined : this.labels(podSelector));
  }
}
