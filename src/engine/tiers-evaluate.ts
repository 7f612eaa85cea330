// One tier (Admin or Baseline) judging one direction of a flow at one pod: the policies that
// select the pod, by priority, and within a policy its rules in written order. The first rule
// whose peers match the other end and whose ports match the flow decides: allow (Accept /
// Allow), deny, or pass (on to the next tier). Nothing matches: the tier has no say.
import { effectOf, type RuleEffect } from '../model/cluster-policy.js';
import type { TierPort } from '../model/tier-rules.js';
import type { Direction, Flow, TierRuleRef } from '../model/verdicts.js';
import type { PodSpec } from '../model/topology.js';
import type { IpFamily } from '../model/cidr.js';
import type { Endpoint } from './endpoints.js';
import type { CompiledTierPolicy, CompiledTierRule, CompiledTiers } from './tiers-compile.js';

export interface TierRuleCheck {
  direction: Direction;
  /** `ClusterNetworkPolicy/name`, ... */
  policy: string;
  rule: number;
  /** The peer that matched, or -1. */
  peer: number;
  /** The protocols/ports entry that matched, -1 when none did, undefined when the rule has none. */
  port: number | undefined;
}

export interface TierOutcome {
  /** undefined: no rule of the tier matched. */
  effect?: RuleEffect;
  decidedBy?: TierRuleRef;
  /** Every rule tried, in order, up to and including the deciding one (when explaining). */
  checks: TierRuleCheck[];
  warnings: string[];
}

export function tierPortMatches(port: TierPort, flow: Flow, destination: PodSpec | undefined): boolean {
  switch (port.kind) {
    case 'protocol':
      return port.protocol === flow.protocol;
    case 'range':
      return port.protocol === flow.protocol && flow.port >= port.from && flow.port <= port.to;
    case 'named':
      // A container port of the destination pod with this name; an external host has none.
      return destination !== undefined && destination.ports.some((p) => p.name === port.name && p.protocol === flow.protocol && p.port === flow.port);
  }
}

function matchingPeer(rule: CompiledTierRule, other: Endpoint, family: IpFamily): number {
  for (let i = 0; i < rule.peers.length; i++) if (rule.peers[i]?.has(other.index, family)) return i;
  return -1;
}

function matchingPort(rule: CompiledTierRule, flow: Flow, destination: PodSpec | undefined): number | undefined {
  const ports = rule.rule.ports;
  if (ports === undefined) return undefined;
  return ports.findIndex((p) => tierPortMatches(p, flow, destination));
}

function rulesOf(policy: CompiledTierPolicy, direction: Direction): CompiledTierRule[] {
  return direction === 'ingress' ? policy.ingress : policy.egress;
}

/** The first rule of one policy that matches, or undefined. */
export function firstMatch(policy: CompiledTierPolicy, direction: Direction, other: Endpoint, flow: Flow, destination: PodSpec | undefined, checks: TierRuleCheck[] | undefined): TierRuleRef | undefined {
  const rules = rulesOf(policy, direction);
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as CompiledTierRule;
    const peer = matchingPeer(rule, other, flow.family ?? 4);
    const port = peer === -1 && checks === undefined ? -1 : matchingPort(rule, flow, destination);
    checks?.push({ direction, policy: policy.view.id, rule: r, peer, port });
    if (peer !== -1 && port !== -1) {
      const view = policy.view;
      return {
        policy: view.id,
        tier: view.tier,
        priority: view.priority,
        rule: r,
        ...(rule.rule.name !== undefined ? { ruleName: rule.rule.name } : {}),
        action: rule.rule.action,
        peer,
        ...(port !== undefined ? { port } : {}),
      };
    }
  }
  return undefined;
}

/**
 * Judges one direction in one tier. `self` is the pod whose policies apply; `other` the far end;
 * `destination` the flow's destination pod (named ports resolve on it).
 */
export function judgeTier(
  tiers: CompiledTiers,
  tier: 'admin' | 'baseline',
  direction: Direction,
  self: Endpoint,
  other: Endpoint,
  flow: Flow,
  destination: PodSpec | undefined,
  explain: boolean,
): TierOutcome {
  const list = tiers.applying(tier, direction, self.index);
  const checks: TierRuleCheck[] | undefined = explain ? [] : undefined;
  const outcome: TierOutcome = { checks: checks ?? [], warnings: [] };
  for (let i = 0; i < list.length; i++) {
    const index = list[i] as number;
    const policy = tiers.policies[index] as CompiledTierPolicy;
    const match = firstMatch(policy, direction, other, flow, destination, checks);
    if (explain) for (const kind of policy.unmodelled) outcome.warnings.push(`${policy.view.id} has ${kind} peers, which this engine does not model: they match nothing here`);
    if (!match) continue;
    outcome.effect = effectOf(match.action);
    outcome.decidedBy = match;
    if (explain) outcome.warnings.push(...samePriorityConflicts(tiers, list, i, match, direction, other, flow, destination));
    return outcome;
  }
  return outcome;
}

/** Policies after the deciding one, at its priority, whose first matching rule acts differently. */
function samePriorityConflicts(tiers: CompiledTiers, list: readonly number[], at: number, match: TierRuleRef, direction: Direction, other: Endpoint, flow: Flow, destination: PodSpec | undefined): string[] {
  const warnings: string[] = [];
  for (const index of list.slice(at + 1)) {
    const policy = tiers.policies[index] as CompiledTierPolicy;
    if (policy.view.priority !== match.priority) break;
    const rival = firstMatch(policy, direction, other, flow, destination, undefined);
    if (rival && effectOf(rival.action) !== effectOf(match.action)) {
      warnings.push(
        `${match.policy} and ${rival.policy} share priority ${match.priority} in the ${match.tier} tier and both match this ${direction} ` +
          `(${match.action} and ${rival.action}): the API leaves the choice to the implementation; this engine applied ${match.policy}, the first by kind and name`,
      );
    }
  }
  return warnings;
}
