// Verdicts between classes on one port. A flow from class s to class d needs d in s's egress row
// and s in d's ingress column. In each direction the tiers decide in turn (docs/semantics.md): the
// Admin tier's allow and deny first, then, where no Admin rule decided, the union of the
// NetworkPolicies where some isolates the class, and otherwise everything but what the Baseline
// tier denies. The full matrix builds every egress row and every ingress column, turns the columns
// into rows by a bit-matrix transpose, and ANDs the two: word operations throughout. One source
// (a row) or one destination (a column) is answered without the full matrix.
import { emptyBits, hasBit, orAndInto, orInto, setRange, transpose, wordsFor, type Bits } from './bitset.js';
import type { ClassIndex } from './classes.js';
import type { FastPolicies } from './policies.js';
import type { PortView } from './port-view.js';
import type { TierOutcome, TierView } from './tier-view.js';
import type { Direction } from '../../model/verdicts.js';

/** `into` (at word `offset`) becomes `outcome.allow | (into & ~outcome.deny)`: a tier's decisions over what the next tiers said. */
function overrule(into: Bits, outcome: TierOutcome, offset = 0): void {
  const { allow, deny } = outcome;
  for (let w = 0; w < allow.length; w++) into[offset + w] = (allow[w] ?? 0) | ((into[offset + w] ?? 0) & ~(deny[w] ?? 0));
}

/** `into` (at word `offset`) loses the bits of `mask`. */
function clear(into: Bits, mask: Bits, offset = 0): void {
  for (let w = 0; w < mask.length; w++) into[offset + w] = (into[offset + w] ?? 0) & ~(mask[w] ?? 0);
}

export class ClassVerdicts {
  readonly size: number;
  readonly words: number;
  /** Classes no NetworkPolicy isolates in that direction (external hosts included: never checked). */
  private readonly egressOpen: Bits;
  private readonly ingressOpen: Bits;

  constructor(
    private readonly index: ClassIndex,
    private readonly policies: FastPolicies,
    private readonly view: PortView,
    private readonly tiers: TierView | undefined,
  ) {
    this.size = index.classes.length;
    this.words = wordsFor(this.size);
    this.egressOpen = emptyBits(this.size);
    this.ingressOpen = emptyBits(this.size);
    for (let c = 0; c < this.size; c++) {
      if ((policies.egressOf[c] ?? []).length === 0) this.egressOpen[c >>> 5] = (this.egressOpen[c >>> 5] ?? 0) | (1 << (c & 31));
      if ((policies.ingressOf[c] ?? []).length === 0) this.ingressOpen[c >>> 5] = (this.ingressOpen[c >>> 5] ?? 0) | (1 << (c & 31));
    }
  }

  /** Where no NetworkPolicy isolates `self`: everything but what the Baseline tier denies (`into` zero at `offset`). */
  private openRow(direction: Direction, self: number, into: Bits, offset: number): void {
    setRange(into, offset * 32, offset * 32 + this.size);
    const baseline = this.tiers?.outcome('baseline', direction, self);
    if (baseline) clear(into, baseline.deny, offset);
  }

  /** Destination classes the egress of class `s` allows, into `into` at word `offset` (zero there). */
  egressRow(s: number, into: Bits, offset = 0): void {
    const isolating = this.policies.egressOf[s] ?? [];
    if (isolating.length === 0) this.openRow('egress', s, into, offset);
    for (const p of isolating) {
      const allowed = this.view.policies[p]?.egress;
      if (allowed) orInto(into, allowed, offset, 0, this.words);
    }
    const admin = this.tiers?.outcome('admin', 'egress', s);
    if (admin) overrule(into, admin, offset);
  }

  /** Source classes the ingress of class `d` allows, into `into` at word `offset` (zero there). */
  ingressColumn(d: number, into: Bits, offset = 0): void {
    const isolating = this.policies.ingressOf[d] ?? [];
    if (isolating.length === 0) this.openRow('ingress', d, into, offset);
    for (const p of isolating) {
      const policy = this.view.policies[p];
      if (!policy?.ingress) continue;
      orInto(into, policy.ingress, offset, 0, this.words);
      for (const rule of policy.ingressNamed) {
        if (!hasBit(rule.self, d)) continue;
        if (rule.peers) orInto(into, rule.peers, offset, 0, this.words);
        else setRange(into, offset * 32, offset * 32 + this.size);
      }
    }
    const admin = this.tiers?.outcome('admin', 'ingress', d);
    if (admin) overrule(into, admin, offset);
  }

  /** Every class-to-class verdict: `size` rows of `words` words; bit d of row s: s may reach d. */
  matrix(): Uint32Array {
    const { size, words } = this;
    const egress = new Uint32Array(size * words);
    const ingress = new Uint32Array(size * words);
    for (let c = 0; c < size; c++) {
      this.egressRow(c, egress, c * words);
      this.ingressColumn(c, ingress, c * words);
    }
    const accepted = transpose(ingress, size, words); // row s: the classes whose ingress accepts s
    for (let w = 0; w < egress.length; w++) egress[w] = (egress[w] ?? 0) & (accepted[w] ?? 0);
    return egress;
  }

  /** Seen from the far end `other`: the classes whose `direction` allows it, given those NetworkPolicies allow (`fromPolicies`). */
  private seenFrom(direction: Direction, other: number, fromPolicies: Bits): Bits {
    const open = Uint32Array.from(direction === 'egress' ? this.egressOpen : this.ingressOpen);
    if (this.tiers) clear(open, this.tiers.outcomeAt('baseline', direction, other).deny);
    orInto(fromPolicies, open);
    if (this.tiers) overrule(fromPolicies, this.tiers.outcomeAt('admin', direction, other));
    return fromPolicies;
  }

  /** The destination classes class `s` may reach. */
  row(s: number): Bits {
    const egress = emptyBits(this.size);
    this.egressRow(s, egress);
    const accepting = emptyBits(this.size);
    this.view.policies.forEach((policy, p) => {
      const selected = this.policies.policies[p]?.selected;
      if (!policy.ingress || !selected) return;
      if (hasBit(policy.ingress, s)) orInto(accepting, selected);
      for (const rule of policy.ingressNamed) if (!rule.peers || hasBit(rule.peers, s)) orAndInto(accepting, selected, rule.self);
    });
    const ingress = this.seenFrom('ingress', s, accepting);
    for (let w = 0; w < egress.length; w++) egress[w] = (egress[w] ?? 0) & (ingress[w] ?? 0);
    return egress;
  }

  /** The source classes that may reach class `d`. */
  column(d: number): Bits {
    const ingress = emptyBits(this.size);
    this.ingressColumn(d, ingress);
    const sending = emptyBits(this.size);
    this.view.policies.forEach((policy, p) => {
      const selected = this.policies.policies[p]?.selected;
      if (policy.egress && selected && hasBit(policy.egress, d)) orInto(sending, selected);
    });
    const egress = this.seenFrom('egress', d, sending);
    for (let w = 0; w < ingress.length; w++) ingress[w] = (ingress[w] ?? 0) & (egress[w] ?? 0);
    return ingress;
  }

  /** One class-to-class verdict. */
  allows(s: number, d: number): boolean {
    return this.directionAllows('egress', s, d) && this.directionAllows('ingress', d, s);
  }

  private directionAllows(direction: Direction, self: number, other: number): boolean {
    const admin = this.tiers?.decide('admin', direction, self, other);
    if (admin === 'allow' || admin === 'deny') return admin === 'allow';
    const isolating = (direction === 'egress' ? this.policies.egressOf : this.policies.ingressOf)[self] ?? [];
    if (isolating.length === 0) return this.tiers?.decide('baseline', direction, self, other) !== 'deny';
    return isolating.some((p) => {
      const policy = this.view.policies[p];
      if (direction === 'egress') return policy?.egress !== undefined && hasBit(policy.egress, other);
      if (!policy?.ingress) return false;
      if (hasBit(policy.ingress, other)) return true;
      return policy.ingressNamed.some((rule) => hasBit(rule.self, self) && (!rule.peers || hasBit(rule.peers, other)));
    });
  }
}
