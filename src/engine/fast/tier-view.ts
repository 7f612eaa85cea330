// The cluster-scoped tiers seen on one destination port. At a pod, a tier tries its policies in
// order and each policy's rules in order; the first rule whose peers match the far end and whose
// ports match the connection decides (allow, deny or pass). Over classes with bitsets: the far
// ends still undecided shrink rule by rule, and each rule's effect takes the ones it matches.
// A named port resolves on the destination: for egress the far end (the peers narrow), for
// ingress the pod itself (the rule applies only where it serves the port).
import type { PortSpec } from '../../model/topology.js';
import type { RuleEffect } from '../../model/cluster-policy.js';
import type { TierPort } from '../../model/tier-rules.js';
import type { Direction } from '../../model/verdicts.js';
import { emptyBits, fullBits, hasBit, isEmpty, orInto, setBit, type Bits } from './bitset.js';
import type { ClassIndex } from './classes.js';
import type { FastTiers, TierName } from './tier-policies.js';

type PortMatch = { kind: 'all' } | { kind: 'none' } | { kind: 'named'; classes: Bits };

/** What a tier decided: the far ends (or, seen from one far end, the pods) it allows and denies; the rest it left undecided. */
export interface TierOutcome {
  allow: Bits;
  deny: Bits;
}

/** Resolves the tiers' port entries on ports, once per distinct entry and port. */
export class TierPortResolver {
  private readonly named = new Map<string, Bits>();
  constructor(private readonly index: ClassIndex) {}

  /** The classes whose pod serves a container port of this name on exactly this port and protocol. */
  namedClasses(name: string, port: PortSpec): Bits {
    const key = `${name}|${port.port}/${port.protocol}`;
    let bits = this.named.get(key);
    if (!bits) {
      bits = emptyBits(this.index.classes.length);
      this.index.classes.forEach((cls, c) => {
        if (cls.pod?.ports.some((p) => p.name === name && p.protocol === port.protocol && p.port === port.port)) setBit(bits as Bits, c);
      });
      this.named.set(key, bits);
    }
    return bits;
  }

  private entryMatches(entry: Exclude<TierPort, { kind: 'named' }>, port: PortSpec): boolean {
    return entry.protocol === port.protocol && (entry.kind === 'protocol' || (port.port >= entry.from && port.port <= entry.to));
  }

  match(ports: readonly TierPort[] | undefined, port: PortSpec): PortMatch {
    if (ports === undefined) return { kind: 'all' };
    let classes: Bits | undefined;
    for (const entry of ports) {
      if (entry.kind !== 'named') {
        if (this.entryMatches(entry, port)) return { kind: 'all' };
        continue;
      }
      const resolved = this.namedClasses(entry.name, port);
      if (isEmpty(resolved)) continue;
      classes ??= emptyBits(this.index.classes.length);
      orInto(classes, resolved);
    }
    return classes ? { kind: 'named', classes } : { kind: 'none' };
  }

  /** What makes two ports judged alike by the tiers: how every distinct port entry matches them. */
  signature(tiers: FastTiers, port: PortSpec): string {
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const policy of tiers.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const entry of rule.ports ?? []) {
          const key = JSON.stringify(entry);
          if (seen.has(key)) continue;
          seen.add(key);
          parts.push(entry.kind === 'named' ? this.namedClasses(entry.name, port).join(',') : this.entryMatches(entry, port) ? '1' : '0');
        }
      }
    }
    return parts.join('|');
  }
}

export class TierView {
  private readonly size: number;
  private readonly words: number;
  /** Per direction, policy and rule: how the rule's ports match this port. */
  private readonly matches: Record<Direction, PortMatch[][]>;
  private readonly outcomes = new Map<string, TierOutcome>();

  constructor(
    private readonly index: ClassIndex,
    private readonly tiers: FastTiers,
    resolver: TierPortResolver,
    port: PortSpec,
  ) {
    this.size = index.classes.length;
    this.words = (this.size + 31) >>> 5;
    const on = (direction: Direction): PortMatch[][] => tiers.policies.map((policy) => policy[direction].map((rule) => resolver.match(rule.ports, port)));
    this.matches = { ingress: on('ingress'), egress: on('egress') };
  }

  /**
   * What the tier decides at class `self` in `direction` for every far end; undefined when no
   * policy of the tier applies to it. Classes that try the same policies share the answer (for
   * ingress, also the same container ports, where a rule names a port).
   */
  outcome(tier: TierName, direction: Direction, self: number): TierOutcome | undefined {
    const groups = this.tiers.groups[tier][direction];
    const group = groups.of[self] ?? -1;
    if (group < 0) return undefined;
    const list = groups.lists[group] ?? [];
    const named = direction === 'ingress' && list.some((p) => this.matches.ingress[p]?.some((m) => m.kind === 'named'));
    const key = `${tier}|${direction}|${group}|${named ? (this.index.classes[self]?.namedPorts ?? -1) : ''}`;
    let outcome = this.outcomes.get(key);
    if (!outcome) this.outcomes.set(key, (outcome = this.decideAt(direction, list, self)));
    return outcome;
  }

  private decideAt(direction: Direction, list: readonly number[], self: number): TierOutcome {
    const { words } = this;
    const outcome: TierOutcome = { allow: new Uint32Array(words), deny: new Uint32Array(words) };
    const undecided = fullBits(this.size);
    for (const p of list) {
      const rules = this.tiers.policies[p]?.[direction] ?? [];
      for (let r = 0; r < rules.length; r++) {
        const match = this.matches[direction][p]?.[r] ?? { kind: 'none' };
        if (match.kind === 'none') continue;
        // Egress: the far end is the destination, so a named port narrows the peers. Ingress: self is.
        if (match.kind === 'named' && direction === 'ingress' && !hasBit(match.classes, self)) continue;
        const narrow = match.kind === 'named' && direction === 'egress' ? match.classes : undefined;
        const rule = rules[r];
        if (!rule) continue;
        if (applyRule(rule.effect, outcome, undecided, rule.peers, narrow) === 0) return outcome;
      }
    }
    return outcome;
  }

  /** What the tier decides at every class in `direction` when the far end is class `other`. */
  outcomeAt(tier: TierName, direction: Direction, other: number): TierOutcome {
    const outcome: TierOutcome = { allow: new Uint32Array(this.words), deny: new Uint32Array(this.words) };
    const undecided = fullBits(this.size);
    // Every pod's list is the policies selecting it in the tiers' order: one pass over them all.
    this.tiers.policies.forEach((policy, p) => {
      if (policy.tier !== tier) return;
      const rules = policy[direction];
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r];
        const match = this.matches[direction][p]?.[r] ?? { kind: 'none' };
        if (!rule || match.kind === 'none' || !hasBit(rule.peers, other)) continue;
        if (match.kind === 'named' && direction === 'egress' && !hasBit(match.classes, other)) continue;
        const narrow = match.kind === 'named' && direction === 'ingress' ? match.classes : undefined;
        applyRule(rule.effect, outcome, undecided, policy.subject, narrow);
      }
    });
    return outcome;
  }

  /** The effect of the first rule that matches the flow between two classes, or undefined. */
  decide(tier: TierName, direction: Direction, self: number, other: number): RuleEffect | undefined {
    const groups = this.tiers.groups[tier][direction];
    const list = groups.lists[groups.of[self] ?? -1] ?? [];
    const destination = direction === 'egress' ? other : self;
    for (const p of list) {
      const rules = this.tiers.policies[p]?.[direction] ?? [];
      for (let r = 0; r < rules.length; r++) {
        const match = this.matches[direction][p]?.[r] ?? { kind: 'none' };
        if (match.kind === 'none' || !hasBit(rules[r]?.peers ?? emptyBits(0), other)) continue;
        if (match.kind === 'named' && !hasBit(match.classes, destination)) continue;
        return rules[r]?.effect;
      }
    }
    return undefined;
  }
}

/**
 * The still undecided members of `matched` (narrowed by `narrow`) get the rule's effect and are
 * decided from now on. Returns what is left undecided (0: nothing).
 */
function applyRule(effect: RuleEffect, outcome: TierOutcome, undecided: Bits, matched: Bits, narrow: Bits | undefined): number {
  const into = effect === 'allow' ? outcome.allow : effect === 'deny' ? outcome.deny : undefined;
  let left = 0;
  for (let w = 0; w < undecided.length; w++) {
    const m = (matched[w] ?? 0) & (undecided[w] ?? 0) & (narrow ? (narrow[w] ?? 0) : ~0);
    if (into && m !== 0) into[w] = (into[w] ?? 0) | m;
    const still = (undecided[w] ?? 0) & ~m;
    undecided[w] = still;
    left |= still;
  }
  return left;
}
