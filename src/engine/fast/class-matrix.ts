// Verdicts between classes on one port. A flow from class s to class d needs d in s's egress row
// (the union of what s's egress policies allow) and s in d's ingress column (the union of what d's
// ingress policies allow). The full matrix builds every egress row and every ingress column, turns
// the columns into rows by a bit-matrix transpose, and ANDs the two: word operations throughout.
// One source (a row) or one destination (a column) is answered without the full matrix.
import { emptyBits, hasBit, orAndInto, orInto, setRange, transpose, wordsFor, type Bits } from './bitset.js';
import type { ClassIndex } from './classes.js';
import type { FastPolicies } from './policies.js';
import type { PortView } from './port-view.js';

export class ClassVerdicts {
  readonly size: number;
  readonly words: number;
  /** Classes no policy isolates in that direction (external hosts included: never checked). */
  private readonly egressOpen: Bits;
  private readonly ingressOpen: Bits;

  constructor(
    private readonly index: ClassIndex,
    private readonly policies: FastPolicies,
    private readonly view: PortView,
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

  /** Destination classes the egress of class `s` allows, ORed into `into` at word `offset`. */
  egressRow(s: number, into: Bits, offset = 0): void {
    const isolating = this.policies.egressOf[s] ?? [];
    if (isolating.length === 0) return setRange(into, offset * 32, offset * 32 + this.size);
    for (const p of isolating) {
      const allowed = this.view.policies[p]?.egress;
      if (allowed) orInto(into, allowed, offset, 0, this.words);
    }
  }

  /** Source classes the ingress of class `d` allows, ORed into `into` at word `offset`. */
  ingressColumn(d: number, into: Bits, offset = 0): void {
    const isolating = this.policies.ingressOf[d] ?? [];
    if (isolating.length === 0) return setRange(into, offset * 32, offset * 32 + this.size);
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

  /** The destination classes class `s` may reach. */
  row(s: number): Bits {
    const egress = emptyBits(this.size);
    this.egressRow(s, egress);
    const accepting = Uint32Array.from(this.ingressOpen);
    this.view.policies.forEach((policy, p) => {
      const selected = this.policies.policies[p]?.selected;
      if (!policy.ingress || !selected) return;
      if (hasBit(policy.ingress, s)) orInto(accepting, selected);
      for (const rule of policy.ingressNamed) if (!rule.peers || hasBit(rule.peers, s)) orAndInto(accepting, selected, rule.self);
    });
    for (let w = 0; w < egress.length; w++) egress[w] = (egress[w] ?? 0) & (accepting[w] ?? 0);
    return egress;
  }

  /** The source classes that may reach class `d`. */
  column(d: number): Bits {
    const ingress = emptyBits(this.size);
    this.ingressColumn(d, ingress);
    const sending = Uint32Array.from(this.egressOpen);
    this.view.policies.forEach((policy, p) => {
      const selected = this.policies.policies[p]?.selected;
      if (policy.egress && selected && hasBit(policy.egress, d)) orInto(sending, selected);
    });
    for (let w = 0; w < ingress.length; w++) ingress[w] = (ingress[w] ?? 0) & (sending[w] ?? 0);
    return ingress;
  }

  /** One class-to-class verdict. */
  allows(s: number, d: number): boolean {
    const egress = this.policies.egressOf[s] ?? [];
    const egressOk = egress.length === 0 || egress.some((p) => {
      const allowed = this.view.policies[p]?.egress;
      return allowed !== undefined && hasBit(allowed, d);
    });
    if (!egressOk) return false;
    const ingress = this.policies.ingressOf[d] ?? [];
    return ingress.length === 0 || ingress.some((p) => {
      const policy = this.view.policies[p];
      if (!policy?.ingress) return false;
      if (hasBit(policy.ingress, s)) return true;
      return policy.ingressNamed.some((rule) => hasBit(rule.self, d) && (!rule.peers || hasBit(rule.peers, s)));
    });
  }
}
